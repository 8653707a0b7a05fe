#include "storeopen.h"

#include "schema.h"
#include "storeconnection.h"
#include "storelog.h"
#include "storerows.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Escalation {

namespace {

enum class Health { Ok, Damaged, Failed };

Health checkHealth(StoreConnection &c, StoreError *error)
{
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    if (c.injectFault(error))
        return Health::Failed;
    if (!q.prepare(u"PRAGMA quick_check"_s) || !q.exec()) {
        const StoreError e = c.errorFor(q.lastError());
        setError(error, e);
        return e.kind == StoreError::Corrupt ? Health::Damaged : Health::Failed;
    }
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (q.lastError().isValid()) {
        const StoreError e = c.errorFor(q.lastError());
        setError(error, e);
        return e.kind == StoreError::Corrupt ? Health::Damaged : Health::Failed;
    }
    if (problems == QStringList {u"ok"_s})
        return Health::Ok;
    qCWarning(lcStore) << "quick_check of" << c.path() << "failed:" << problems.mid(0, 5);
    return Health::Damaged;
}

// Reads whatever outbox rows a damaged cache still yields.
QList<OutboxEntry> salvageOutbox(StoreConnection &c)
{
    QList<OutboxEntry> entries;
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    // A cache damaged before its upgrade has the older columns.
    const auto select = [&q](const QString &columns) {
        return q.prepare(u"SELECT "_s + columns + u" FROM outbox ORDER BY local_id"_s) && q.exec();
    };
    if (!select(kOutboxColumns) && !select(kOutboxColumnsV4)) {
        qCWarning(lcStore) << "no outbox could be read from the damaged cache:"
                           << q.lastError().text();
        return entries;
    }
    while (q.next())
        entries.append(readOutbox(q));
    if (q.lastError().isValid())
        qCWarning(lcStore) << "outbox only partly readable:" << q.lastError().text();
    return entries;
}

bool moveAside(const QString &path, QString *movedTo, StoreError *error)
{
    const QString target =
        path + u".corrupt-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    if (!QFile::rename(path, target)) {
        setError(error,
                 {StoreError::Io,
                  trStore(QT_TRANSLATE_NOOP(
                              "CacheStore",
                              "The damaged local cache (%1) could not be moved aside to %2."))
                      .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(target))});
        return false;
    }
    // The journal belongs to the damaged file; keep it next to it.
    for (const QString &suffix : {u"-wal"_s, u"-journal"_s}) {
        if (QFile::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    QFile::remove(path + u"-shm"_s);
    *movedTo = target;
    return true;
}

// WAL lets readers on other threads proceed while the sync writes, and with
// synchronous=NORMAL a commit costs no fsync; a crash of the app never loses
// a commit in WAL mode, an OS crash may lose the last ones, which the sync
// fetches again (the cursor is in the same transaction). The outbox, which
// holds what only this machine knows, commits with synchronous=FULL (see
// CacheStore::enqueue). Where WAL is unavailable (e.g. some network file
// systems) the classic rollback journal is used with synchronous=FULL
// throughout, since NORMAL there risks corruption on power loss.
// Returns the journal mode in effect, or nothing on failure.
std::optional<QString> configure(StoreConnection &c, StoreError *error)
{
    const auto mode = c.once(u"PRAGMA journal_mode = WAL"_s, error);
    if (!mode)
        return std::nullopt;
    QString journalMode = u"wal"_s;
    c.setWal(mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0);
    if (!c.isWal()) {
        qCWarning(lcStore) << "WAL unavailable for" << c.path() << "- journal mode is"
                           << mode->toString() << "; falling back to DELETE";
        const auto fallback = c.once(u"PRAGMA journal_mode = DELETE"_s, error);
        if (!fallback)
            return std::nullopt;
        journalMode = fallback->toString().toLower();
    }
    if (!c.setSynchronous(!c.isWal(), error))
        return std::nullopt;
    const auto sync = c.once(u"PRAGMA synchronous"_s, error);
    if (!sync)
        return std::nullopt;
    const int expected = c.isWal() ? 1 : 2; // NORMAL : FULL
    if (sync->toInt() != expected)
        qCWarning(lcStore) << "synchronous is" << sync->toInt() << "instead of" << expected;
    if (c.isWal()) {
        // 8 192 pages (32 MB) instead of SQLite's 1 000 before a commit
        // checkpoints by itself: a sync page of 1 000 changed requests
        // touches about that many pages, and a checkpoint inside a commit
        // costs two fsyncs. StoreWorker checkpoints when idle instead.
        c.tune(u"PRAGMA wal_autocheckpoint = 8192"_s);
    }
    c.tune(u"PRAGMA temp_store = MEMORY"_s);
    c.tune(u"PRAGMA cache_size = -16384"_s); // 16 MiB: the active queue's pages stay hot
    return journalMode;
}

bool migrate(StoreConnection &c, int from, StoreError *error)
{
    for (int version = from + 1; version <= Schema::latestVersion(); ++version) {
        qCInfo(lcStore) << "upgrading" << c.path() << "to schema version" << version;
        if (!c.begin(error))
            return false;
        bool ok = true;
        const QList<QString> steps = Schema::upgradeStatements(version);
        for (const QString &sql : steps) {
            if (!c.once(sql, error)) {
                ok = false;
                break;
            }
        }
        ok =
            ok && c.once(u"PRAGMA user_version = "_s + QString::number(version), error).has_value();
        ok = ok && c.commit(error);
        if (!ok) {
            c.rollback();
            qCWarning(lcStore) << "upgrade to schema version" << version << "failed; rolled back";
            return false;
        }
    }
    return true;
}

// The rescued decisions keep their local ids and idempotency keys, so a
// push that reached the portal before the damage is not applied twice.
bool restoreOutbox(StoreConnection &c, const QList<OutboxEntry> &salvaged, StoreError *error)
{
    StoreError e;
    bool ok = c.setSynchronous(true, &e) && c.begin(&e);
    if (ok) {
        Query q = c.query(u"INSERT OR IGNORE INTO outbox ("_s + kOutboxColumns + u") VALUES ("_s
                              + placeholders(15) + u")"_s,
                          &e);
        ok = bool(q);
        for (qsizetype i = 0; ok && i < salvaged.size(); ++i) {
            bindOutbox(q.query(), salvaged[i], true);
            ok = q.exec(&e);
        }
    }
    ok = ok && c.commit(&e);
    if (!ok) {
        c.rollback();
        setError(error, e);
        return false;
    }
    c.tune(c.isWal() ? u"PRAGMA synchronous = NORMAL"_s : u"PRAGMA synchronous = FULL"_s);
    return true;
}

} // namespace

std::unique_ptr<StoreConnection> openCacheFile(const QString &path, CacheStore::OpenMode mode,
                                               FaultInjector *injector, StoreOpenReport *report,
                                               StoreError *error)
{
    StoreOpenReport &rep = *report;
    const QFileInfo info(path);
    if (mode == CacheStore::OpenMode::ReadWrite && !QDir().mkpath(info.absolutePath())) {
        setError(
            error,
            {StoreError::ReadOnly,
             trStore(QT_TRANSLATE_NOOP("CacheStore",
                                       "The folder for the local cache (%1) cannot be created."))
                 .arg(QDir::toNativeSeparators(info.absolutePath()))});
        return nullptr;
    }
    const bool readOnly = mode != CacheStore::OpenMode::ReadWrite;
    if (readOnly && !info.exists()) {
        setError(error,
                 {StoreError::Io,
                  trStore(QT_TRANSLATE_NOOP("CacheStore", "There is no local cache at %1."))
                      .arg(QDir::toNativeSeparators(path))});
        return nullptr;
    }
    const bool existed = info.exists() && info.size() > 0;

    auto c = StoreConnection::connect(path, mode, injector, error);
    if (!c)
        return nullptr;

    QList<OutboxEntry> salvaged;
    if (existed && mode != CacheStore::OpenMode::ReadOnlyChecked) {
        StoreError healthError;
        switch (checkHealth(*c, &healthError)) {
        case Health::Ok:
            break;
        case Health::Failed:
            setError(error, healthError);
            return nullptr;
        case Health::Damaged:
            if (readOnly) {
                setError(
                    error,
                    {StoreError::Corrupt,
                     trStore(QT_TRANSLATE_NOOP("CacheStore", "The local cache (%1) is damaged."))
                         .arg(QDir::toNativeSeparators(path))});
                return nullptr;
            }
            salvaged = salvageOutbox(*c);
            c->close();
            if (!moveAside(path, &rep.movedAsidePath, error))
                return nullptr;
            qCWarning(lcStore) << "damaged cache moved to" << rep.movedAsidePath << "; salvaged"
                               << salvaged.size() << "outbox entries";
            rep.rebuilt = true;
            c = StoreConnection::connect(path, mode, injector, error);
            if (!c)
                return nullptr;
            break;
        }
    }

    const auto version = c->once(u"PRAGMA user_version"_s, error);
    if (!version)
        return nullptr;
    if (version->toInt() > Schema::latestVersion()) {
        // Checked before any pragma that writes (journal_mode changes the
        // file header): a newer app's cache is left exactly as it is.
        setError(error,
                 {StoreError::NewerSchema,
                  trStore(QT_TRANSLATE_NOOP(
                              "CacheStore",
                              "The local cache (%1) was written by a newer version of Escalation "
                              "Desk (schema %2, this version reads up to %3). Update the "
                              "application; the cache has not been changed."))
                      .arg(QDir::toNativeSeparators(path))
                      .arg(version->toInt())
                      .arg(Schema::latestVersion())});
        return nullptr;
    }

    if (readOnly) {
        if (version->toInt() < Schema::latestVersion()) {
            setError(error,
                     {StoreError::ReadOnly,
                      trStore(QT_TRANSLATE_NOOP(
                                  "CacheStore",
                                  "The local cache (%1) needs an upgrade, which a read-only "
                                  "cache does not allow."))
                          .arg(QDir::toNativeSeparators(path))});
            return nullptr;
        }
        const auto modeNow = c->once(u"PRAGMA journal_mode"_s, error);
        if (!modeNow)
            return nullptr;
        rep.journalMode = modeNow->toString().toLower();
        c->setWal(rep.journalMode == u"wal"_s);
        return c;
    }

    const std::optional<QString> journalMode = configure(*c, error);
    if (!journalMode || !migrate(*c, version->toInt(), error))
        return nullptr;
    rep.journalMode = *journalMode;
    if (!salvaged.isEmpty()) {
        if (!restoreOutbox(*c, salvaged, error))
            return nullptr;
        rep.salvagedOutboxEntries = int(salvaged.size());
    }
    qCDebug(lcStore) << "opened" << path << "journal" << rep.journalMode << "connection"
                     << c->connectionName();
    return c;
}

} // namespace Escalation
