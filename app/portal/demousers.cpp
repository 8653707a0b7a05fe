#include "demousers.h"

#include "datagenerator.h"
#include "portalstore.h"
#include "requesthistory.h"
#include "userdirectory.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Escalation::Portal {

namespace {

constexpr UserRole demoRoles[] = {UserRole::EscalationManager, UserRole::TeamLead,
                                  UserRole::Director, UserRole::Admin};

QString tr(const char *text)
{
    return QCoreApplication::translate("Escalation::Portal", text);
}

// The demo user of a role: the first user with the generator's name and that role.
std::optional<UserRecord> demoUser(const QList<UserRecord> &all, UserRole role)
{
    for (const UserRecord &r : all) {
        if (r.identity.role == role && r.identity.name == DataGenerator::demoUserName(role))
            return r;
    }
    return std::nullopt;
}

} // namespace

bool ensureDemoUsers(UserDirectory &users, QString *error)
{
    const auto all = users.list(error);
    if (!all)
        return false;
    for (UserRole role : demoRoles) {
        if (demoUser(*all, role))
            continue;
        if (!users.addWithoutToken(DataGenerator::demoUserName(role), role,
                                   DataGenerator::demoUserTeam(role), error))
            return false;
    }
    return true;
}

bool writeDemoCredentials(UserDirectory &users, const QString &path, QString *error)
{
    QJsonObject previous;
    if (QFile old(path); old.open(QIODevice::ReadOnly))
        previous = QJsonDocument::fromJson(old.readAll()).object();
    const auto all = users.list(error);
    if (!all)
        return false;
    QJsonObject out;
    for (UserRole role : demoRoles) {
        const auto user = demoUser(*all, role);
        if (!user || user->revoked)
            continue;
        const QJsonObject kept = previous.value(toCode(role)).toObject();
        QString token = kept.value("token"_L1).toString();
        const bool sameUser = kept.value("id"_L1).toString() == user->identity.id;
        const bool stillTheirs = sameUser && !token.isEmpty()
            && (user->hasToken
                    ? users.hasTokenHash(user->identity.id, UserDirectory::hashOf(token.toUtf8()))
                    : users.adoptToken(user->identity.id, token, error));
        if (!stillTheirs) {
            const auto fresh = users.rotate(user->identity.id, error);
            if (!fresh)
                return false;
            token = *fresh;
        }
        out.insert(toCode(role),
                   QJsonObject {{u"id"_s, user->identity.id},
                                {u"name"_s, user->identity.name},
                                {u"token"_s, token}});
    }
    // Created owner-only before the first byte is written: the tokens are
    // never readable by others, not even for a moment.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(QJsonDocument(out).toJson()) < 0 || !file.flush()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool seedHistory(const PortalStore &store, const UserDirectory &users, RequestHistory &history,
                 QString *error)
{
    const auto all = users.list(error);
    if (!all)
        return false;
    // Names in the records become users where a user has that name.
    const auto actor = [&all](const QString &name, HistoryEntry entry) {
        entry.actorName = name;
        for (const UserRecord &r : *all) {
            if (r.identity.name == name) {
                entry.actorId = r.identity.id;
                entry.actorRole = toCode(r.identity.role);
                break;
            }
        }
        return entry;
    };
    QList<std::pair<QString, HistoryEntry>> entries;
    for (qint64 i = 0; i < store.requestSlots(); ++i) {
        const EscalationRequest *r = store.requestAt(i);
        if (!r)
            continue;
        QList<HistoryEntry> timeline;
        if (r->decision) {
            const bool accept = r->decision->kind == DecisionKind::Accept;
            timeline.append(actor(r->decision->by,
                                  {r->decision->at,
                                   accept ? u"accept"_s : u"decline"_s,
                                   {},
                                   {},
                                   {},
                                   r->decision->text}));
        } else if (!r->owner.isEmpty() && !r->ownerAcknowledgement) {
            // Ownership has no time in the record: shortly after the request.
            const QDateTime at = std::min(r->requestedAt.addSecs(20 * 60), r->updatedAt);
            timeline.append(actor(r->owner, {at, u"take_ownership"_s, {}, {}, {}, {}}));
        }
        if (r->analysis)
            timeline.append(actor(r->analysis->by,
                                  {r->analysis->at, u"analysis"_s, {}, {}, {}, r->analysis->text}));
        if (r->ownerAcknowledgement)
            timeline.append(actor(r->ownerAcknowledgement->by,
                                  {r->ownerAcknowledgement->at, u"acknowledge"_s, {}, {}, {}, {}}));
        for (const Note &note : r->notes)
            timeline.append(actor(note.author, {note.at, u"note"_s, {}, {}, {}, note.text}));
        if (r->state == RequestState::Closed)
            timeline.append({r->updatedAt, u"close"_s, {}, {}, {}, {}});
        std::stable_sort(timeline.begin(), timeline.end(),
                         [](const HistoryEntry &a, const HistoryEntry &b) { return a.at < b.at; });
        for (const HistoryEntry &e : std::as_const(timeline))
            entries.append({r->id, e});
    }
    if (!history.addAll(entries)) {
        *error = tr("cannot store the seeded request history");
        return false;
    }
    return true;
}

} // namespace Escalation::Portal
