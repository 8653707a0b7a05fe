#include "tokenstore.h"

#include "synclogging.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

QString howToProvide()
{
    return TokenStore::tr(
               "Store the portal token in Settings (it is kept in the system keychain), or set the "
               "environment variable %1 for scripts.")
        .arg(TokenStore::environmentVariable());
}

} // namespace

TokenStore::TokenStore(QString key, QObject *parent)
    : QObject(parent)
    , m_key(std::move(key))
{
    qRegisterMetaType<Escalation::TokenLookup>();
}

QString TokenStore::serviceName()
{
    return u"Escalation Desk"_s;
}

QString TokenStore::environmentVariable()
{
    return u"ESCALATION_DESK_TOKEN"_s;
}

QString TokenStore::keyForPortal(const QUrl &portal)
{
    return u"portal-token:"_s
        + portal
              .adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                        | QUrl::RemoveFragment)
              .toString();
}

TokenLookup TokenStore::fromEnvironment()
{
    TokenLookup lookup;
    const QString value = qEnvironmentVariable("ESCALATION_DESK_TOKEN").trimmed();
    if (!value.isEmpty()) {
        lookup.token = value;
        lookup.source = TokenSource::Environment;
    }
    return lookup;
}

void TokenStore::read()
{
    TokenLookup env = fromEnvironment();
    if (env.found()) {
        qCDebug(lcSync) << "portal token taken from" << environmentVariable();
        QMetaObject::invokeMethod(
            this, [this, env] { Q_EMIT tokenRead(env); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(m_key);
    job->setAutoDelete(true);
    // Explicitly: never store or read a token in a plain QSettings file.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        TokenLookup lookup;
        if (job->error() == QKeychain::NoError && !job->textData().isEmpty()) {
            lookup.token = job->textData();
            lookup.source = TokenSource::Keychain;
        } else if (job->error() == QKeychain::EntryNotFound || job->error() == QKeychain::NoError) {
            lookup.error = tr("No portal token is stored. %1").arg(howToProvide());
        } else {
            // The keychain's own text may name the backend; it never contains the secret.
            lookup.error = tr("The system keychain could not be read (%1). %2")
                               .arg(job->errorString(), howToProvide());
        }
        Q_EMIT tokenRead(lookup);
    });
    job->start();
}

void TokenStore::write(const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(m_key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT written(true, QString());
        else
            Q_EMIT written(false,
                           tr("The token could not be saved in the system keychain (%1); it was "
                              "not saved anywhere else. Set %2 for this session instead.")
                               .arg(job->errorString(), environmentVariable()));
    });
    job->start();
}

void TokenStore::remove()
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(m_key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        const bool ok =
            job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        Q_EMIT removed(ok, ok ? QString() : job->errorString());
    });
    job->start();
}

TokenLookup TokenStore::readBlocking(std::chrono::milliseconds timeout)
{
    TokenLookup result;
    result.error = tr("The system keychain did not answer within %1 s. %2")
                       .arg(timeout.count() / 1000)
                       .arg(howToProvide());
    QEventLoop loop;
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    connect(this, &TokenStore::tokenRead, &loop, [&](const TokenLookup &lookup) {
        result = lookup;
        loop.quit();
    });
    read();
    loop.exec();
    return result;
}

} // namespace Escalation
