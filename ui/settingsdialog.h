#pragma once

// The desk's settings: the portal and its token (stored in the system
// keychain through PortalCredentials; the dialog only says whether one is
// stored and never reads it back), the role, the
// user's working hours, the calendars folder, the review and SLA
// thresholds, the decline reply templates with a live preview, and the
// trusted certificate fingerprint. Input is checked before anything is
// saved; a problem is named with what was expected and nothing is lost.

#include <escalation.h>
#include <policyconfig.h>
#include <portalcredentials.h>

#include <QDialog>
#include <QHash>

#include <array>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;
class QTimeEdit;

namespace Escalation {

class DeskSettings;

class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Page { Connection, Desk, Review, Templates };

    // settings must outlive the dialog.
    explicit SettingsDialog(DeskSettings *settings, QWidget *parent = nullptr);

    // Checks every field; on success saves them all and returns true,
    // otherwise shows the first problem, goes to its page and returns false.
    bool apply();
    QString errorText() const;
    // The sample decline reply for the template being edited.
    QString previewText() const;
    void showPage(Page page);

public Q_SLOTS:
    void accept() override;
    // Loads the calendars folder and shows what was loaded and what failed.
    bool checkCalendars();
    void storeToken();
    void removeToken();
    void refreshTokenStatus();

Q_SIGNALS:
    void tokenWriteFinished(bool ok, const QString &error);
    void tokenStatusChanged(const QString &status);

private:
    QWidget *createConnectionPage();
    QWidget *createDeskPage();
    QWidget *createReviewPage();
    QWidget *createTemplatesPage();
    void load();
    void loadThresholds(const PolicyConfig &config);
    void showError(Page page, const QString &message, QWidget *focus);
    void onTemplateKeyChanged();
    void updatePreview();
    void setTokenStatus(const QString &status);
    PortalCredentials *credentialsFor(const QUrl &url);
    QUrl enteredUrl(QString *error) const;

    DeskSettings *m_settings;
    QTabWidget *m_tabs;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;

    // Connection
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_tokenStatus;
    QPushButton *m_storeToken;
    QPushButton *m_removeToken;
    QLineEdit *m_fingerprint;
    PortalCredentials *m_credentials = nullptr;
    bool m_acceptAfterToken = false;

    // Desk
    QComboBox *m_role;
    QComboBox *m_appearance;
    QSpinBox *m_retention;
    QSpinBox *m_unownedBreach;
    std::array<QCheckBox *, 7> m_days {};
    QTimeEdit *m_from;
    QTimeEdit *m_to;
    QLineEdit *m_calendarDir;
    QPlainTextEdit *m_calendarReport;

    // Review and SLA
    QRadioButton *m_byDuration;
    QRadioButton *m_byShare;
    QSpinBox *m_approachingMinutes;
    QSpinBox *m_approachingPercent;
    std::array<std::array<QSpinBox *, 4>, 2> m_firstResponse {};
    std::array<QSpinBox *, 4> m_silence {};

    // Templates
    QComboBox *m_templateKey;
    QPlainTextEdit *m_templateText;
    QPlainTextEdit *m_preview;
    QLabel *m_templateWarning;
    QHash<QString, QString> m_templates; // edits in progress, by key
    QString m_shownKey;
};

} // namespace Escalation
