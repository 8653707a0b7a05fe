#include "transport.h"

namespace Escalation {

bool isTransient(TransportError error)
{
    switch (error) {
    case TransportError::Network:
    case TransportError::Timeout:
    case TransportError::RateLimited:
    case TransportError::Server:
        return true;
    default:
        return false;
    }
}

QByteArray TransportResult::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace Escalation
