#include "settingsdialog.h"

#include "desksettings.h"
#include "uilogging.h"

#include <calendarregistry.h>
#include <certificatepin.h>
#include <replytemplates.h>

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace Escalation {

namespace {

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

SettingsDialog::SettingsDialog(DeskSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_tabs->setAccessibleName(tr("Settings pages"));
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Escalation Desk Settings"));
    m_tabs->addTab(createConnectionPage(), tr("Portal"));
    m_tabs->addTab(createDeskPage(), tr("Desk"));
    m_tabs->addTab(createReviewPage(), tr("Review and SLA"));
    m_tabs->addTab(createTemplatesPage(), tr("Reply templates"));

    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(pal);
    m_error->hide();

    auto *restartNote =
        explanation(tr("Working hours apply at once. The role chooses the view at the next start; "
                       "the portal, calendars, thresholds and reply templates also apply the next "
                       "time Escalation Desk starts."),
                    this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(restartNote);
    layout->addWidget(m_buttons);
    load();
    refreshTokenStatus();
}

// --- pages -----------------------------------------------------------------

QWidget *SettingsDialog::createConnectionPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);

    m_url = new QLineEdit(page);
    m_url->setObjectName(QStringLiteral("portalUrl"));
    m_url->setPlaceholderText(tr("empty: work from the local cache only"));
    form->addRow(tr("Portal address:"), m_url);

    m_token = new QLineEdit(page);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    // Its row label sits beside a layout, not the field: named here.
    m_token->setAccessibleName(tr("Access token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Paste a new token to store it"));
    m_storeToken = new QPushButton(tr("Store in keychain"), page);
    m_storeToken->setObjectName(QStringLiteral("storeToken"));
    m_removeToken = new QPushButton(tr("Remove"), page);
    m_removeToken->setObjectName(QStringLiteral("removeToken"));
    m_removeToken->setAccessibleName(tr("Remove the token from the keychain"));
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_storeToken);
    tokenRow->addWidget(m_removeToken);
    form->addRow(tr("Access token:"), tokenRow);
    m_tokenStatus = new QLabel(page);
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    m_tokenStatus->setTextFormat(Qt::PlainText);
    m_tokenStatus->setWordWrap(true);
    form->addRow(QString(), m_tokenStatus);
    form->addRow(
        QString(),
        explanation(tr("The token is kept in the system keychain, never in the settings file, "
                       "and is never shown again once stored. Scripts may set %1 instead.")
                        .arg(PortalCredentials::environmentVariable()),
                    page));
    connect(m_storeToken, &QPushButton::clicked, this, &SettingsDialog::storeToken);
    connect(m_removeToken, &QPushButton::clicked, this, &SettingsDialog::removeToken);

    m_fingerprint = new QLineEdit(page);
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_fingerprint->setPlaceholderText(tr("empty: trust the system's certificate authorities"));
    form->addRow(tr("Trusted certificate (SHA-256):"), m_fingerprint);
    form->addRow(
        QString(),
        explanation(
            tr("Only for a portal whose certificate your system does not trust, such as one signed "
               "by "
               "an internal authority or self-signed. With a fingerprint set, the desk accepts "
               "exactly "
               "that certificate and refuses any other, so a changed certificate stops the sync "
               "instead of exposing the token. Ask the portal's administrator for the value, or "
               "read it "
               "with: openssl x509 -noout -fingerprint -sha256 -in portal.pem"),
            page));
    return page;
}

QWidget *SettingsDialog::createDeskPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);

    auto *roleBox = new QGroupBox(tr("Role"), page);
    auto *roleForm = new QFormLayout(roleBox);
    m_role = new QComboBox(roleBox);
    m_role->setObjectName(QStringLiteral("role"));
    for (DeskRole role : {DeskRole::Manager, DeskRole::TeamLead, DeskRole::Director})
        m_role->addItem(displayName(role), int(role));
    roleForm->addRow(tr("I work as:"), m_role);
    roleForm->addRow(explanation(
        tr("The role chooses the view the desk opens with and whether triage actions are "
           "offered. Every view stays available from the View menu."),
        roleBox));
    m_appearance = new QComboBox(roleBox);
    m_appearance->setObjectName(QStringLiteral("appearance"));
    using Appearance = DeskSettings::Appearance;
    for (Appearance a :
         {Appearance::Desktop, Appearance::Light, Appearance::Dark, Appearance::HighContrast})
        m_appearance->addItem(DeskSettings::displayName(a), int(a));
    roleForm->addRow(tr("&Colours:"), m_appearance);
    m_retention = new QSpinBox(roleBox);
    m_retention->setObjectName(QStringLiteral("retentionMonths"));
    m_retention->setRange(1, 120);
    m_retention->setSuffix(tr(" months"));
    roleForm->addRow(tr("&Keep history for:"), m_retention);
    roleForm->addRow(explanation(
        tr("Requests that left the queue (re-escalated or closed) stay in the cache this long "
           "for the analytics; older ones are removed when the desk starts."),
        roleBox));
    layout->addWidget(roleBox);

    auto *hoursBox = new QGroupBox(tr("My working hours"), page);
    auto *hoursLayout = new QVBoxLayout(hoursBox);
    auto *days = new QHBoxLayout;
    const QLocale locale;
    for (int i = 0; i < 7; ++i) {
        auto *day = new QCheckBox(locale.dayName(i + 1, QLocale::ShortFormat), hoursBox);
        day->setObjectName(QStringLiteral("day%1").arg(i + 1));
        m_days[std::size_t(i)] = day;
        days->addWidget(day);
    }
    days->addStretch(1);
    hoursLayout->addLayout(days);
    auto *times = new QHBoxLayout;
    m_from = new QTimeEdit(hoursBox);
    m_from->setObjectName(QStringLiteral("workFrom"));
    m_from->setDisplayFormat(QStringLiteral("HH:mm"));
    m_to = new QTimeEdit(hoursBox);
    m_to->setObjectName(QStringLiteral("workTo"));
    m_to->setDisplayFormat(QStringLiteral("HH:mm"));
    times->addWidget(new QLabel(tr("From"), hoursBox));
    times->addWidget(m_from);
    times->addWidget(new QLabel(tr("to"), hoursBox));
    times->addWidget(m_to);
    times->addStretch(1);
    hoursLayout->addLayout(times);
    hoursLayout->addWidget(
        explanation(tr("Outside these hours the desk does not pop up notifications; what happened "
                       "meanwhile is summarised when your working time begins. An end before the "
                       "start means a shift past midnight."),
                    hoursBox));
    auto *unownedRow = new QHBoxLayout;
    m_unownedBreach = new QSpinBox(hoursBox);
    m_unownedBreach->setObjectName(QStringLiteral("unownedBreachMinutes"));
    m_unownedBreach->setRange(0, 24 * 60);
    m_unownedBreach->setSuffix(tr(" min"));
    m_unownedBreach->setSpecialValueText(tr("never"));
    auto *unownedLabel =
        new QLabel(tr("Tell a team lead of a breach nobody has &taken after:"), hoursBox);
    unownedLabel->setBuddy(m_unownedBreach);
    unownedRow->addWidget(unownedLabel);
    unownedRow->addWidget(m_unownedBreach);
    unownedRow->addStretch(1);
    hoursLayout->addLayout(unownedRow);
    layout->addWidget(hoursBox);

    auto *calendarBox = new QGroupBox(tr("Business calendars"), page);
    auto *calendarLayout = new QVBoxLayout(calendarBox);
    auto *dirRow = new QHBoxLayout;
    m_calendarDir = new QLineEdit(calendarBox);
    m_calendarDir->setObjectName(QStringLiteral("calendarDir"));
    m_calendarDir->setPlaceholderText(tr("empty: the built-in calendars only"));
    auto *browse = new QPushButton(tr("Browse…"), calendarBox);
    auto *check = new QPushButton(tr("Check"), calendarBox);
    check->setObjectName(QStringLiteral("checkCalendars"));
    dirRow->addWidget(m_calendarDir, 1);
    dirRow->addWidget(browse);
    dirRow->addWidget(check);
    calendarLayout->addLayout(dirRow);
    calendarLayout->addWidget(
        explanation(tr("Every *.json file in this folder is loaded over the built-in calendars "
                       "(americas, emea, apac); a file with the same id replaces a built-in one."),
                    calendarBox));
    m_calendarReport = new QPlainTextEdit(calendarBox);
    m_calendarReport->setObjectName(QStringLiteral("calendarReport"));
    m_calendarReport->setReadOnly(true);
    m_calendarReport->setMaximumHeight(fontMetrics().height() * 6);
    calendarLayout->addWidget(m_calendarReport);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Calendars folder"), m_calendarDir->text());
        if (!dir.isEmpty()) {
            m_calendarDir->setText(QDir::toNativeSeparators(dir));
            checkCalendars();
        }
    });
    connect(check, &QPushButton::clicked, this, &SettingsDialog::checkCalendars);
    layout->addWidget(calendarBox);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createReviewPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    const int target = PolicyConfig::defaults().review.targetBusinessMinutes;

    auto *clockBox = new QGroupBox(tr("Review clock"), page);
    auto *clockGrid = new QGridLayout(clockBox);
    clockGrid->addWidget(
        explanation(tr("A request must be answered within %n business minute(s). Warn me when:",
                       nullptr, target),
                    clockBox),
        0, 0, 1, 2);
    m_byDuration = new QRadioButton(tr("at most this much business time is left:"), clockBox);
    m_byDuration->setObjectName(QStringLiteral("approachingByDuration"));
    m_approachingMinutes = new QSpinBox(clockBox);
    m_approachingMinutes->setObjectName(QStringLiteral("approachingMinutes"));
    m_approachingMinutes->setRange(1, target - 1);
    m_approachingMinutes->setSuffix(tr(" min"));
    m_byShare = new QRadioButton(tr("at most this share of the target is left:"), clockBox);
    m_byShare->setObjectName(QStringLiteral("approachingByShare"));
    m_approachingPercent = new QSpinBox(clockBox);
    m_approachingPercent->setObjectName(QStringLiteral("approachingPercent"));
    m_approachingPercent->setRange(1, 99);
    m_approachingPercent->setSuffix(tr(" %"));
    auto *mode = new QButtonGroup(clockBox);
    mode->addButton(m_byDuration);
    mode->addButton(m_byShare);
    clockGrid->addWidget(m_byDuration, 1, 0);
    clockGrid->addWidget(m_approachingMinutes, 1, 1);
    clockGrid->addWidget(m_byShare, 2, 0);
    clockGrid->addWidget(m_approachingPercent, 2, 1);
    connect(m_byDuration, &QRadioButton::toggled, m_approachingMinutes, &QWidget::setEnabled);
    connect(m_byShare, &QRadioButton::toggled, m_approachingPercent, &QWidget::setEnabled);
    layout->addWidget(clockBox);

    auto *slaBox = new QGroupBox(tr("Case SLA flags"), page);
    auto *grid = new QGridLayout(slaBox);
    for (int s = 0; s < 4; ++s) {
        auto *head = new QLabel(tr("Severity %1").arg(s + 1), slaBox);
        grid->addWidget(head, 0, s + 1, Qt::AlignCenter);
    }
    const auto spin = [slaBox](const QString &name, int max, const QString &suffix) {
        auto *box = new QSpinBox(slaBox);
        box->setObjectName(name);
        box->setRange(1, max);
        box->setSuffix(suffix);
        return box;
    };
    const QStringList tiers = {tr("First response, premium:"), tr("First response, standard:")};
    for (int t = 0; t < 2; ++t) {
        grid->addWidget(new QLabel(tiers.at(t), slaBox), t + 1, 0);
        for (int s = 0; s < 4; ++s) {
            QSpinBox *box = spin(QStringLiteral("firstResponse%1S%2").arg(t).arg(s + 1),
                                 60 * 24 * 30, tr(" min"));
            m_firstResponse[std::size_t(t)][std::size_t(s)] = box;
            grid->addWidget(box, t + 1, s + 1);
        }
    }
    grid->addWidget(new QLabel(tr("Longest support silence:"), slaBox), 3, 0);
    for (int s = 0; s < 4; ++s) {
        QSpinBox *box = spin(QStringLiteral("silenceS%1").arg(s + 1), 24 * 90, tr(" h"));
        m_silence[std::size_t(s)] = box;
        grid->addWidget(box, 3, s + 1);
    }
    grid->addWidget(
        explanation(
            tr("Wall-clock time from the case's creation to its first response, and from the last "
               "support update (or the creation) to the next. The team lead's monitor flags the "
               "cases beyond these limits."),
            slaBox),
        4, 0, 1, 5);
    layout->addWidget(slaBox);

    auto *restore = new QPushButton(tr("Restore the shipped values"), page);
    restore->setObjectName(QStringLiteral("restoreThresholds"));
    connect(restore, &QPushButton::clicked, this,
            [this] { loadThresholds(PolicyConfig::defaults()); });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(restore);
    layout->addLayout(row);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createTemplatesPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *top = new QHBoxLayout;
    m_templateKey = new QComboBox(page);
    m_templateKey->setObjectName(QStringLiteral("templateKey"));
    auto *reset = new QPushButton(tr("Restore the shipped text"), page);
    reset->setObjectName(QStringLiteral("resetTemplate"));
    top->addWidget(new QLabel(tr("Template:"), page));
    top->addWidget(m_templateKey, 1);
    top->addWidget(reset);
    layout->addLayout(top);
    layout->addWidget(explanation(
        tr("Sent to the requester when a request is declined; the manager can still edit "
           "each reply. Placeholders: {requester}, {caseNumber}, {caseId}, {subject}, "
           "{account}, {severity}, {tier}, {level}, {reason}, {manager}, {eligibleAt}, "
           "{requestId}. Write {{ and }} for literal braces."),
        page));
    m_templateText = new QPlainTextEdit(page);
    m_templateText->setObjectName(QStringLiteral("templateText"));
    m_templateText->setAccessibleName(tr("Reply template"));
    m_templateText->setAccessibleDescription(
        tr("Placeholders in braces are filled from each request; see the text above."));
    layout->addWidget(m_templateText, 1);
    m_templateWarning = new QLabel(page);
    m_templateWarning->setObjectName(QStringLiteral("templateWarning"));
    m_templateWarning->setTextFormat(Qt::PlainText);
    m_templateWarning->setWordWrap(true);
    layout->addWidget(m_templateWarning);
    layout->addWidget(new QLabel(tr("Preview with a sample request:"), page));
    m_preview = new QPlainTextEdit(page);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setAccessibleName(tr("Preview with a sample request"));
    m_preview->setReadOnly(true);
    layout->addWidget(m_preview, 1);

    connect(m_templateKey, &QComboBox::currentIndexChanged, this,
            &SettingsDialog::onTemplateKeyChanged);
    connect(m_templateText, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_shownKey.isEmpty())
            m_templates.insert(m_shownKey, m_templateText->toPlainText());
        updatePreview();
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        m_templateText->setPlainText(
            ReplyTemplates::defaults().text(m_templateKey->currentData().toString()));
    });
    return page;
}

// --- loading ---------------------------------------------------------------

void SettingsDialog::load()
{
    m_url->setText(m_settings->portalUrl().toString());
    m_fingerprint->setText(CertificatePin::displayed(m_settings->trustedCertificateSha256()));

    m_role->setCurrentIndex(m_role->findData(int(m_settings->role())));
    m_appearance->setCurrentIndex(m_appearance->findData(int(m_settings->appearance())));
    m_retention->setValue(m_settings->retentionMonths());
    m_unownedBreach->setValue(m_settings->unownedBreachMinutes());
    const WorkingHours hours = m_settings->workingHours();
    for (int i = 0; i < 7; ++i)
        m_days[std::size_t(i)]->setChecked(hours.worksOn(Qt::DayOfWeek(i + 1)));
    m_from->setTime(hours.from());
    m_to->setTime(hours.to());
    m_calendarDir->setText(QDir::toNativeSeparators(m_settings->calendarsDirectory()));

    loadThresholds(m_settings->policy());

    const ReplyTemplates templates = m_settings->replyTemplates();
    m_templates.clear();
    m_shownKey.clear();
    const QSignalBlocker block(m_templateKey);
    m_templateKey->clear();
    for (const QString &key : templates.keys()) {
        m_templates.insert(key, templates.text(key));
        m_templateKey->addItem(key, key);
    }
    onTemplateKeyChanged();
}

void SettingsDialog::loadThresholds(const PolicyConfig &config)
{
    const bool share = config.review.approachingShare.has_value();
    m_byShare->setChecked(share);
    m_byDuration->setChecked(!share);
    m_approachingMinutes->setEnabled(!share);
    m_approachingPercent->setEnabled(share);
    m_approachingMinutes->setValue(config.review.approachingBusinessMinutes);
    m_approachingPercent->setValue(
        int(std::lround(config.review.approachingShare.value_or(0.25) * 100)));
    for (std::size_t t = 0; t < 2; ++t) {
        for (std::size_t s = 0; s < 4; ++s)
            m_firstResponse[t][s]->setValue(config.firstResponseTargetMinutes[t][s]);
    }
    for (std::size_t s = 0; s < 4; ++s)
        m_silence[s]->setValue(config.supportUpdateMaxHours[s]);
}

// --- templates -------------------------------------------------------------

void SettingsDialog::onTemplateKeyChanged()
{
    const QString key = m_templateKey->currentData().toString();
    m_shownKey.clear(); // setPlainText below must not write into the old key
    m_templateText->setPlainText(m_templates.value(key));
    m_shownKey = key;
    updatePreview();
}

QString SettingsDialog::previewText() const
{
    return m_preview->toPlainText();
}

void SettingsDialog::updatePreview()
{
    Case c;
    c.id = QStringLiteral("C-100023");
    c.number = QStringLiteral("00100023");
    c.subject = tr("Nightly export fails with timeout");
    c.account = QStringLiteral("Northwind Traders");
    c.severity = Severity::S2;
    c.tier = SupportTier::Premium;
    c.createdAt = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
    EscalationRequest r;
    r.id = QStringLiteral("E-200311");
    r.caseId = c.id;
    r.level = 2;
    r.reason = Reason::TimeConstraint;
    r.requestedBy = QStringLiteral("Jordan Lee");
    r.requestedAt = QDateTime::currentDateTimeUtc();
    Eligibility eligibility;
    if (m_templateKey->currentData().toString() == QLatin1String("too_early")) {
        eligibility.verdict = Eligibility::Verdict::TooEarly;
        eligibility.minimumAgeHours = 4;
        eligibility.eligibleAt = c.createdAt.addSecs(4 * 3600);
    } else if (m_templateKey->currentData().toString() == QLatin1String("outage")) {
        eligibility.verdict = Eligibility::Verdict::RefusedOutage;
    }
    const QHash<QString, QString> values = ReplyTemplates::declineValues(
        c, r, tr("A plan of action is already agreed with the customer."),
        QStringLiteral("Maya Fischer"), eligibility);
    QStringList unknown;
    m_preview->setPlainText(
        ReplyTemplates::render(m_templateText->toPlainText(), values, &unknown));
    unknown.removeDuplicates();
    if (m_templateText->toPlainText().trimmed().isEmpty())
        m_templateWarning->setText(tr("An empty template would send an empty reply."));
    else if (!unknown.isEmpty())
        m_templateWarning->setText(tr("Unknown placeholders stay as written in the reply: %1")
                                       .arg(QStringLiteral("{")
                                            + unknown.join(QStringLiteral("}, {"))
                                            + QStringLiteral("}")));
    else
        m_templateWarning->clear();
}

// --- calendars -------------------------------------------------------------

bool SettingsDialog::checkCalendars()
{
    const QString dir = QDir::fromNativeSeparators(m_calendarDir->text().trimmed());
    if (dir.isEmpty()) {
        m_calendarReport->setPlainText(
            tr("Built-in calendars: %1.")
                .arg(CalendarRegistry::withBuiltIns().ids().join(QStringLiteral(", "))));
        return true;
    }
    if (!QDir(dir).exists()) {
        m_calendarReport->setPlainText(tr("The folder \"%1\" does not exist.").arg(dir));
        return false;
    }
    CalendarRegistry registry = CalendarRegistry::withBuiltIns();
    QStringList errors;
    const int loaded = registry.loadDirectory(dir, &errors);
    QStringList lines;
    lines << tr("Loaded %n calendar(s) from the folder.", nullptr, loaded);
    lines << tr("Calendars in use: %1.").arg(registry.ids().join(QStringLiteral(", ")));
    for (const QString &e : std::as_const(errors))
        lines << tr("Skipped: %1").arg(e);
    m_calendarReport->setPlainText(lines.join(QLatin1Char('\n')));
    return errors.isEmpty();
}

// --- token -----------------------------------------------------------------

PortalCredentials *SettingsDialog::credentialsFor(const QUrl &url)
{
    // One entry per portal: the keychain entry is keyed by the portal.
    if (m_credentials)
        m_credentials->deleteLater();
    m_credentials = new PortalCredentials(url, this);
    connect(m_credentials, &PortalCredentials::sourceRead, this,
            [this](TokenSource source, const QString &error) {
                switch (source) {
                case TokenSource::Keychain:
                    setTokenStatus(tr("A token is stored in the system keychain."));
                    break;
                case TokenSource::Environment:
                    setTokenStatus(tr("The token comes from the environment variable %1; it "
                                      "overrides the keychain.")
                                       .arg(PortalCredentials::environmentVariable()));
                    break;
                case TokenSource::None:
                    setTokenStatus(error.isEmpty()
                                       ? tr("No token is stored for this portal.")
                                       : tr("No token is stored for this portal. %1").arg(error));
                    break;
                }
            });
    connect(m_credentials, &PortalCredentials::stored, this, [this](bool ok, const QString &error) {
        m_storeToken->setEnabled(true);
        if (ok) {
            m_token->clear();
            setTokenStatus(tr("The token was stored in the system keychain."));
        } else {
            setTokenStatus(tr("The token could not be stored: %1").arg(error));
            showError(Page::Connection,
                      tr("The token could not be stored in the system keychain (%1). It was not "
                         "saved anywhere "
                         "else; the other settings were saved.")
                          .arg(error),
                      m_token);
        }
        Q_EMIT tokenWriteFinished(ok, error);
        if (ok && m_acceptAfterToken)
            QDialog::accept();
        m_acceptAfterToken = false;
    });
    connect(m_credentials, &PortalCredentials::removed, this,
            [this](bool ok, const QString &error) {
                setTokenStatus(ok ? tr("The token was removed from the keychain.")
                                  : tr("The token could not be removed: %1").arg(error));
            });
    return m_credentials;
}

void SettingsDialog::setTokenStatus(const QString &status)
{
    m_tokenStatus->setText(status);
    Q_EMIT tokenStatusChanged(status);
}

void SettingsDialog::refreshTokenStatus()
{
    QString error;
    const QUrl url = enteredUrl(&error);
    if (!error.isEmpty() || url.isEmpty()) {
        setTokenStatus(tr("Enter a valid portal address to see whether a token is stored."));
        return;
    }
    setTokenStatus(tr("Checking the keychain…"));
    credentialsFor(url)->read();
}

void SettingsDialog::storeToken()
{
    const QString token = m_token->text().trimmed();
    if (token.isEmpty() || token.contains(QLatin1Char(' ')) || token.size() > 4096)
        m_acceptAfterToken = false;
    if (token.isEmpty()) {
        showError(Page::Connection, tr("Paste the token first."), m_token);
        return;
    }
    if (token.contains(QLatin1Char(' ')) || token.size() > 4096) {
        showError(Page::Connection,
                  tr("A token is one word without spaces (at most 4096 characters)."), m_token);
        return;
    }
    QString error;
    const QUrl url = enteredUrl(&error);
    if (url.isEmpty() && error.isEmpty())
        error = tr("Enter the portal address first: the token is stored for that portal.");
    if (!error.isEmpty()) {
        m_acceptAfterToken = false;
        showError(Page::Connection, error, m_url);
        return;
    }
    m_storeToken->setEnabled(false);
    setTokenStatus(tr("Storing the token in the keychain…"));
    credentialsFor(url)->store(token);
}

void SettingsDialog::removeToken()
{
    QString error;
    const QUrl url = enteredUrl(&error);
    if (url.isEmpty() && error.isEmpty())
        error = tr("Enter the portal address first: the token is stored for that portal.");
    if (!error.isEmpty()) {
        showError(Page::Connection, error, m_url);
        return;
    }
    credentialsFor(url)->remove();
}

// --- validation and saving -------------------------------------------------

QUrl SettingsDialog::enteredUrl(QString *error) const
{
    const QString text = m_url->text().trimmed();
    error->clear();
    if (text.isEmpty())
        return {}; // no portal: the desk works from its cache
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        *error = tr("The portal address must be a full http or https URL, such as "
                    "https://portal.example.com "
                    "(got \"%1\").")
                     .arg(text);
        return {};
    }
    if (url.scheme() == QLatin1String("http") && !isLoopback(url.host())) {
        *error = tr("Plain http would send the token unencrypted to %1; use https for a portal "
                    "that is not on this "
                    "computer.")
                     .arg(url.host());
        return {};
    }
    error->clear();
    return url;
}

void SettingsDialog::showError(Page page, const QString &message, QWidget *focus)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (message.isEmpty())
        return;
    showPage(page);
    if (focus)
        focus->setFocus();
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

QString SettingsDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

bool SettingsDialog::apply()
{
    showError(Page::Connection, QString(), nullptr);
    QString error;
    const QUrl url = enteredUrl(&error);
    if (!error.isEmpty()) {
        showError(Page::Connection, error, m_url);
        return false;
    }
    QByteArray pin;
    const QString pinText = m_fingerprint->text().trimmed();
    if (!pinText.isEmpty()) {
        pin = CertificatePin::normalized(pinText);
        if (pin.isEmpty()) {
            showError(Page::Connection,
                      tr("The certificate fingerprint must be a SHA-256 fingerprint: 64 "
                         "hexadecimal digits, colons "
                         "and spaces allowed (got %n character(s)).",
                         nullptr, int(pinText.size())),
                      m_fingerprint);
            return false;
        }
    }

    quint8 days = 0;
    for (int i = 0; i < 7; ++i)
        days |= m_days[std::size_t(i)]->isChecked() ? quint8(1u << i) : quint8(0);
    const WorkingHours hours(days, m_from->time(), m_to->time());
    if (const QString problem = hours.validate(); !problem.isEmpty()) {
        showError(Page::Desk, problem, m_days[0]);
        return false;
    }
    const QString dir = QDir::fromNativeSeparators(m_calendarDir->text().trimmed());
    if (!checkCalendars()) {
        showError(Page::Desk,
                  QDir(dir).exists() ? tr("Some calendar files in \"%1\" could not be loaded; the "
                                          "list below says which and why. Fix "
                                          "them or choose another folder.")
                                           .arg(dir)
                                     : tr("The calendars folder \"%1\" does not exist.").arg(dir),
                  m_calendarDir);
        return false;
    }

    for (auto it = m_templates.cbegin(); it != m_templates.cend(); ++it) {
        if (it.value().trimmed().isEmpty()) {
            m_templateKey->setCurrentIndex(m_templateKey->findData(it.key()));
            showError(Page::Templates,
                      tr("The reply template \"%1\" is empty; write a reply or restore the shipped "
                         "text.")
                          .arg(it.key()),
                      m_templateText);
            return false;
        }
    }

    // Everything checked: save it all.
    m_settings->setPortalUrl(url);
    m_settings->setTrustedCertificateSha256(pin);
    m_settings->setRole(DeskRole(m_role->currentData().toInt()));
    m_settings->setAppearance(DeskSettings::Appearance(m_appearance->currentData().toInt()));
    m_settings->setRetentionMonths(m_retention->value());
    m_settings->setUnownedBreachMinutes(m_unownedBreach->value());
    m_settings->setWorkingHours(hours);
    m_settings->setCalendarsDirectory(dir);
    if (m_byShare->isChecked())
        m_settings->setApproachingShare(m_approachingPercent->value() / 100.0);
    else
        m_settings->setApproachingMinutes(m_approachingMinutes->value());
    for (std::size_t t = 0; t < 2; ++t) {
        std::array<int, 4> values {};
        for (std::size_t s = 0; s < 4; ++s)
            values[s] = m_firstResponse[t][s]->value();
        m_settings->setFirstResponseMinutes(t == 0 ? SupportTier::Premium : SupportTier::Standard,
                                            values);
    }
    std::array<int, 4> silence {};
    for (std::size_t s = 0; s < 4; ++s)
        silence[s] = m_silence[s]->value();
    m_settings->setSupportSilenceHours(silence);
    // Only edited templates are stored, so later shipped improvements reach
    // the ones the user never touched.
    const ReplyTemplates shipped = ReplyTemplates::defaults();
    for (auto it = m_templates.cbegin(); it != m_templates.cend(); ++it) {
        if (shipped.keys().contains(it.key()) && shipped.text(it.key()) == it.value())
            m_settings->resetReplyTemplate(it.key());
        else
            m_settings->setReplyTemplate(it.key(), it.value());
    }
    m_settings->sync();
    return true;
}

void SettingsDialog::accept()
{
    if (!apply())
        return;
    if (m_token->text().trimmed().isEmpty()) {
        QDialog::accept();
        return;
    }
    // A pasted token is stored before the dialog closes, so that a failure
    // is seen while the token is still in the field.
    m_acceptAfterToken = true;
    storeToken();
}

} // namespace Escalation
