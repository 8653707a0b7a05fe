#include "portalcredentials.h"

namespace Escalation {

PortalCredentials::PortalCredentials(const QUrl &backend, QObject *parent)
    : QObject(parent)
    , m_store(new TokenStore(TokenStore::keyForPortal(backend), this))
{
    connect(m_store, &TokenStore::tokenRead, this, [this](const TokenLookup &lookup) {
        Q_EMIT tokenRead(lookup);
        Q_EMIT sourceRead(lookup.source, lookup.error);
    });
    connect(m_store, &TokenStore::written, this, &PortalCredentials::stored);
    connect(m_store, &TokenStore::removed, this, &PortalCredentials::removed);
}

QString PortalCredentials::environmentVariable()
{
    return TokenStore::environmentVariable();
}

void PortalCredentials::read()
{
    m_store->read();
}

TokenLookup PortalCredentials::readBlocking()
{
    return m_store->readBlocking();
}

void PortalCredentials::store(const QString &token)
{
    m_store->write(token);
}

void PortalCredentials::remove()
{
    m_store->remove();
}

} // namespace Escalation
