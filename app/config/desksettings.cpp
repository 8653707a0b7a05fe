#include "desksettings.h"

#include <algorithm>
#include <array>

#include <rtsettings.h>

#include <QDir>
#include <QStandardPaths>

namespace Escalation {

namespace {
const QString DurationMode = QStringLiteral("duration");
const QString ShareMode = QStringLiteral("share");
const QString TimeFormat = QStringLiteral("HH:mm");
} // namespace

DeskSettings::DeskSettings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
}

DeskSettings::DeskSettings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
}

DeskSettings::~DeskSettings() = default;

QStringList DeskSettings::problems() const
{
    QStringList unique = m_problems;
    unique.removeDuplicates();
    return unique;
}

void DeskSettings::sync()
{
    m_settings->sync();
}

std::optional<QString> DeskSettings::connector(QString *error) const
{
    const QString kind = m_settings->value(Keys::connector(), QStringLiteral("native"))
                             .toString()
                             .trimmed()
                             .toLower();
    if (kind == QLatin1String("native") || kind == QLatin1String("rt"))
        return kind;
    if (error)
        *error = tr("the setting connector is \"%1\"; expected native or rt").arg(kind);
    return std::nullopt;
}

QString DeskSettings::storedBackendUrl(const QString &connector) const
{
    if (connector == QLatin1String("rt"))
        return rtSettings(nullptr).baseUrl.toString();
    return m_settings->value(Keys::portalUrl()).toString().trimmed();
}

RtSettings DeskSettings::rtSettings(QStringList *problems) const
{
    return RtSettings::fromSettings(*m_settings, problems);
}

QUrl DeskSettings::portalUrl() const
{
    const QString stored = m_settings->value(Keys::portalUrl()).toString();
    if (stored.isEmpty())
        return {};
    const QUrl url(stored, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        m_problems << tr("The stored portal address \"%1\" is not an http(s) URL; it is ignored.")
                          .arg(stored);
        return {};
    }
    return url;
}

void DeskSettings::setPortalUrl(const QUrl &url)
{
    if (url.isEmpty())
        m_settings->remove(Keys::portalUrl());
    else
        m_settings->setValue(Keys::portalUrl(), url.toString());
    Q_EMIT changed();
}

QByteArray DeskSettings::trustedCertificateSha256() const
{
    return m_settings->value(Keys::trustedCertificate()).toString().toLatin1();
}

void DeskSettings::setTrustedCertificateSha256(const QByteArray &normalizedHex)
{
    if (normalizedHex.isEmpty())
        m_settings->remove(Keys::trustedCertificate());
    else
        m_settings->setValue(Keys::trustedCertificate(), QString::fromLatin1(normalizedHex));
    Q_EMIT changed();
}

DeskRole DeskSettings::role() const
{
    const QString stored = m_settings->value(Keys::role()).toString();
    if (stored.isEmpty())
        return DeskRole::Manager;
    if (const std::optional<DeskRole> role = deskRoleFromCode(stored))
        return *role;
    m_problems << tr("The stored role \"%1\" is unknown; expected manager, teamlead or director.")
                      .arg(stored);
    return DeskRole::Manager;
}

void DeskSettings::setRole(DeskRole role)
{
    m_settings->setValue(Keys::role(), toCode(role));
    Q_EMIT changed();
}

namespace {
constexpr std::array<QStringView, 4> kAppearanceCodes {u"desktop", u"light", u"dark",
                                                       u"high-contrast"};
} // namespace

DeskSettings::Appearance DeskSettings::appearance() const
{
    const QString stored = m_settings->value(Keys::appearance()).toString();
    if (stored.isEmpty())
        return Appearance::Desktop;
    for (std::size_t i = 0; i < kAppearanceCodes.size(); ++i) {
        if (stored == kAppearanceCodes[i])
            return Appearance(i);
    }
    m_problems << tr("The stored appearance \"%1\" is unknown; expected desktop, light, dark or "
                     "high-contrast.")
                      .arg(stored);
    return Appearance::Desktop;
}

void DeskSettings::setAppearance(Appearance appearance)
{
    m_settings->setValue(Keys::appearance(), kAppearanceCodes[std::size_t(appearance)].toString());
    Q_EMIT changed();
}

int DeskSettings::retentionMonths() const
{
    const QVariant stored = m_settings->value(Keys::retentionMonths());
    if (!stored.isValid())
        return DefaultRetentionMonths;
    bool ok = false;
    const int months = stored.toInt(&ok);
    if (ok && months >= 1 && months <= 120)
        return months;
    m_problems << tr("The stored retention \"%1\" is not a number of months from 1 to 120; "
                     "keeping %2 months.")
                      .arg(stored.toString())
                      .arg(DefaultRetentionMonths);
    return DefaultRetentionMonths;
}

int DeskSettings::unownedBreachMinutes() const
{
    const QVariant stored = m_settings->value(Keys::unownedBreachMinutes());
    if (!stored.isValid())
        return DefaultUnownedBreachMinutes;
    bool ok = false;
    const int minutes = stored.toInt(&ok);
    if (ok && minutes >= 0 && minutes <= 24 * 60)
        return minutes;
    m_problems << tr("The stored alert delay \"%1\" is not a number of minutes from 0 to 1440; "
                     "keeping %2 minutes.")
                      .arg(stored.toString())
                      .arg(DefaultUnownedBreachMinutes);
    return DefaultUnownedBreachMinutes;
}

void DeskSettings::setUnownedBreachMinutes(int minutes)
{
    m_settings->setValue(Keys::unownedBreachMinutes(), std::clamp(minutes, 0, 24 * 60));
    Q_EMIT changed();
}

void DeskSettings::setRetentionMonths(int months)
{
    m_settings->setValue(Keys::retentionMonths(), std::clamp(months, 1, 120));
    Q_EMIT changed();
}

QString DeskSettings::displayName(Appearance appearance)
{
    switch (appearance) {
    case Appearance::Desktop:
        return tr("As the desktop (light or dark)");
    case Appearance::Light:
        return tr("Light");
    case Appearance::Dark:
        return tr("Dark");
    case Appearance::HighContrast:
        return tr("High contrast");
    }
    return {};
}

QString DeskSettings::userName() const
{
    return m_settings->value(Keys::userName()).toString();
}

std::optional<UserIdentity> DeskSettings::lastIdentity(const QString &backend) const
{
    m_settings->beginGroup(Keys::lastIdentityGroup());
    const QString storedBackend = m_settings->value(QStringLiteral("backend")).toString();
    UserIdentity identity;
    identity.id = m_settings->value(QStringLiteral("id")).toString();
    identity.name = m_settings->value(QStringLiteral("name")).toString();
    identity.team = m_settings->value(QStringLiteral("team")).toString();
    const std::optional<UserRole> role =
        userRoleFromCode(m_settings->value(QStringLiteral("role")).toString());
    m_settings->endGroup();
    // Another portal's user is nobody here.
    if (storedBackend != backend || identity.name.isEmpty() || !role)
        return std::nullopt;
    identity.role = *role;
    return identity;
}

void DeskSettings::setLastIdentity(const QString &backend, const UserIdentity &identity)
{
    if (lastIdentity(backend) == identity)
        return;
    m_settings->beginGroup(Keys::lastIdentityGroup());
    m_settings->setValue(QStringLiteral("backend"), backend);
    m_settings->setValue(QStringLiteral("id"), identity.id);
    m_settings->setValue(QStringLiteral("name"), identity.name);
    m_settings->setValue(QStringLiteral("role"), toCode(identity.role));
    m_settings->setValue(QStringLiteral("team"), identity.team);
    m_settings->endGroup();
    m_settings->sync();
}

QString DeskSettings::calendarsDirectory() const
{
    return m_settings->value(Keys::calendarsDirectory()).toString();
}

void DeskSettings::setCalendarsDirectory(const QString &dir)
{
    if (dir.trimmed().isEmpty())
        m_settings->remove(Keys::calendarsDirectory());
    else
        m_settings->setValue(Keys::calendarsDirectory(), QDir::cleanPath(dir.trimmed()));
    Q_EMIT changed();
}

QString DeskSettings::defaultCalendarsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/calendars");
}

CalendarRegistry DeskSettings::calendars(QStringList *errors) const
{
    CalendarRegistry registry = CalendarRegistry::withBuiltIns();
    const QString dir = calendarsDirectory();
    if (dir.isEmpty()) {
        // The default folder is optional: no folder, no complaint.
        if (QDir(defaultCalendarsDirectory()).exists())
            registry.loadDirectory(defaultCalendarsDirectory(), errors);
        return registry;
    }
    if (!QDir(dir).exists()) {
        if (errors)
            *errors << tr("The calendars folder \"%1\" does not exist; only the built-in calendars "
                          "are used.")
                           .arg(dir);
        return registry;
    }
    registry.loadDirectory(dir, errors);
    return registry;
}

std::optional<std::array<int, 4>> DeskSettings::parseFour(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4) {
        if (error)
            *error = tr("Expected four numbers (severity 1 to 4) separated by commas, got \"%1\".")
                         .arg(text);
        return std::nullopt;
    }
    std::array<int, 4> values {};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        const int v = parts.at(i).trimmed().toInt(&ok);
        if (!ok || v <= 0) {
            if (error)
                *error = tr("\"%1\" (severity %2) is not a positive whole number.")
                             .arg(parts.at(i).trimmed())
                             .arg(i + 1);
            return std::nullopt;
        }
        values[std::size_t(i)] = v;
    }
    return values;
}

QString DeskSettings::formatFour(const std::array<int, 4> &values)
{
    return QStringLiteral("%1,%2,%3,%4")
        .arg(values[0])
        .arg(values[1])
        .arg(values[2])
        .arg(values[3]);
}

std::optional<std::array<int, 4>> DeskSettings::readFour(const QString &key) const
{
    if (!m_settings->contains(key))
        return std::nullopt;
    QString error;
    // QSettings turns "1,2,3,4" in an INI file into a string list.
    const QVariant raw = m_settings->value(key);
    const QString text = raw.typeId() == QMetaType::QStringList
        ? raw.toStringList().join(QLatin1Char(','))
        : raw.toString();
    const auto values = parseFour(text, &error);
    if (!values)
        m_problems << tr("Setting %1: %2 The shipped values are used.").arg(key, error);
    return values;
}

PolicyConfig DeskSettings::policy(const PolicyConfig &base) const
{
    PolicyConfig config = base;
    const QString mode = m_settings->value(Keys::approachingMode(), DurationMode).toString();
    if (mode == ShareMode) {
        bool ok = false;
        const double share = m_settings->value(Keys::approachingShare()).toDouble(&ok);
        if (ok && share > 0.0 && share < 1.0)
            config.review.approachingShare = share;
        else
            m_problems
                << tr("Setting %1 must be a share between 0 and 1; the default threshold is used.")
                       .arg(Keys::approachingShare());
    } else if (m_settings->contains(Keys::approachingMinutes())) {
        bool ok = false;
        const int minutes = m_settings->value(Keys::approachingMinutes()).toInt(&ok);
        if (ok && minutes > 0 && minutes < config.review.targetBusinessMinutes)
            config.review.approachingBusinessMinutes = minutes;
        else
            m_problems
                << tr("Setting %1 must be between 1 and %2 minutes; the default threshold is used.")
                       .arg(Keys::approachingMinutes())
                       .arg(config.review.targetBusinessMinutes - 1);
    }
    if (const auto premium = readFour(Keys::firstResponsePremium()))
        config.firstResponseTargetMinutes[std::size_t(SupportTier::Premium)] = *premium;
    if (const auto standard = readFour(Keys::firstResponseStandard()))
        config.firstResponseTargetMinutes[std::size_t(SupportTier::Standard)] = *standard;
    if (const auto silence = readFour(Keys::supportSilence()))
        config.supportUpdateMaxHours = *silence;
    return config;
}

QString DeskSettings::userPolicyFile()
{
    return QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("policy.json"));
}

PolicyConfig DeskSettings::effectivePolicy(QStringList *errors) const
{
    const PolicyConfig shipped = PolicyConfig::defaults();
    PolicyConfig base = shipped;
    if (const QString path = userPolicyFile(); !path.isEmpty())
        base = PolicyConfig::load(path, errors, &shipped).value_or(shipped);
    const PolicyConfig config = policy(base);
    if (errors)
        *errors << problems();
    return config;
}

void DeskSettings::setApproachingMinutes(int minutes)
{
    m_settings->setValue(Keys::approachingMode(), DurationMode);
    m_settings->setValue(Keys::approachingMinutes(), minutes);
    m_settings->remove(Keys::approachingShare());
    Q_EMIT changed();
}

void DeskSettings::setApproachingShare(double share)
{
    m_settings->setValue(Keys::approachingMode(), ShareMode);
    m_settings->setValue(Keys::approachingShare(), share);
    m_settings->remove(Keys::approachingMinutes());
    Q_EMIT changed();
}

void DeskSettings::setFirstResponseMinutes(SupportTier tier,
                                           const std::array<int, 4> &minutesBySeverity)
{
    m_settings->setValue(tier == SupportTier::Premium ? Keys::firstResponsePremium()
                                                      : Keys::firstResponseStandard(),
                         formatFour(minutesBySeverity));
    Q_EMIT changed();
}

void DeskSettings::setSupportSilenceHours(const std::array<int, 4> &hoursBySeverity)
{
    m_settings->setValue(Keys::supportSilence(), formatFour(hoursBySeverity));
    Q_EMIT changed();
}

void DeskSettings::resetThresholds()
{
    for (const QString &key :
         {Keys::approachingMode(), Keys::approachingMinutes(), Keys::approachingShare(),
          Keys::firstResponsePremium(), Keys::firstResponseStandard(), Keys::supportSilence()})
        m_settings->remove(key);
    Q_EMIT changed();
}

ReplyTemplates DeskSettings::replyTemplates() const
{
    ReplyTemplates templates = ReplyTemplates::defaults();
    m_settings->beginGroup(Keys::templatesGroup());
    const QStringList keys = m_settings->childKeys();
    for (const QString &key : keys) {
        const QString text = m_settings->value(key).toString();
        if (!text.trimmed().isEmpty())
            templates.setText(key, text);
    }
    m_settings->endGroup();
    return templates;
}

void DeskSettings::setReplyTemplate(const QString &key, const QString &text)
{
    m_settings->setValue(Keys::templatesGroup() + QLatin1Char('/') + key, text);
    Q_EMIT changed();
}

void DeskSettings::resetReplyTemplate(const QString &key)
{
    m_settings->remove(Keys::templatesGroup() + QLatin1Char('/') + key);
    Q_EMIT changed();
}

WorkingHours DeskSettings::workingHours() const
{
    const WorkingHours fallback;
    quint8 days = fallback.dayMask();
    if (m_settings->contains(Keys::workingDays())) {
        const QVariant raw = m_settings->value(Keys::workingDays());
        const QString text = raw.typeId() == QMetaType::QStringList
            ? raw.toStringList().join(QLatin1Char(','))
            : raw.toString();
        QString error;
        if (const auto parsed = WorkingHours::daysFromCode(text, &error))
            days = *parsed;
        else
            m_problems << tr("Setting %1: %2").arg(Keys::workingDays(), error);
    }
    const auto time = [this](const QString &key, QTime fallbackTime) {
        if (!m_settings->contains(key))
            return fallbackTime;
        const QString text = m_settings->value(key).toString();
        const QTime t = QTime::fromString(text, TimeFormat);
        if (!t.isValid()) {
            m_problems << tr("Setting %1: \"%2\" is not a time of day (HH:mm).").arg(key, text);
            return fallbackTime;
        }
        return t;
    };
    const WorkingHours hours(days, time(Keys::workingFrom(), fallback.from()),
                             time(Keys::workingTo(), fallback.to()));
    if (!hours.validate().isEmpty()) {
        m_problems << hours.validate();
        return fallback;
    }
    return hours;
}

void DeskSettings::setWorkingHours(const WorkingHours &hours)
{
    m_settings->setValue(Keys::workingDays(), WorkingHours::daysToCode(hours.dayMask()));
    m_settings->setValue(Keys::workingFrom(), hours.from().toString(TimeFormat));
    m_settings->setValue(Keys::workingTo(), hours.to().toString(TimeFormat));
    Q_EMIT changed();
}

QStringList DeskSettings::notifiedKeys() const
{
    return m_settings->value(Keys::notified()).toStringList();
}

void DeskSettings::setNotifiedKeys(const QStringList &keys)
{
    // Not a user-visible change: no changed() signal.
    m_settings->setValue(Keys::notified(), keys);
}

QByteArray DeskSettings::savedViewsFile() const
{
    return m_settings->value(Keys::savedViews()).toByteArray();
}

void DeskSettings::setSavedViewsFile(const QByteArray &file)
{
    m_settings->setValue(Keys::savedViews(), file);
    m_settings->sync();
}

QByteArray DeskSettings::confirmedClusters() const
{
    return m_settings->value(Keys::confirmedClusters()).toByteArray();
}

void DeskSettings::setConfirmedClusters(const QByteArray &json)
{
    m_settings->setValue(Keys::confirmedClusters(), json);
    m_settings->sync();
}

DeskSettings::WindowLayout DeskSettings::windowLayout() const
{
    WindowLayout layout;
    layout.geometry = m_settings->value(Keys::windowGeometry()).toByteArray();
    layout.state = m_settings->value(Keys::windowState()).toByteArray();
    layout.splitter = m_settings->value(Keys::windowSplitter()).toByteArray();
    layout.queueHeader = m_settings->value(Keys::queueHeader()).toByteArray();
    layout.view = m_settings->value(Keys::windowView()).toString();
    return layout;
}

void DeskSettings::setWindowLayout(const WindowLayout &layout)
{
    // Not a setting the user edits: no changed() signal.
    m_settings->setValue(Keys::windowGeometry(), layout.geometry);
    m_settings->setValue(Keys::windowState(), layout.state);
    m_settings->setValue(Keys::windowSplitter(), layout.splitter);
    m_settings->setValue(Keys::queueHeader(), layout.queueHeader);
    m_settings->setValue(Keys::windowView(), layout.view);
}

} // namespace Escalation
