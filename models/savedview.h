#pragma once

// A saved view of the queue: a name, a filter, a sort, the columns shown and
// the page it opens (the queue, the team lead's or the director's view).
// A few are built in; a user's own are kept in the settings and shared with
// a team as a file:
//
//   {"format": "escalation-desk-views", "version": 1,
//    "views": [{"name": "EMEA breaches", "view": "queue",
//               "filter": {"text": "", "clock": ["breached"], "states": [],
//                          "levels": [3, 4], "severities": [2], "tiers": [],
//                          "reasons": [], "owes": ["analysis"],
//                          "owner": "", "ownerIsMe": false, "team": "EMEA"},
//               "sort": {"column": "review_due", "order": "ascending"},
//               "columns": ["review_due", "clock", "level", "case", "subject"]}]}
//
// Every value is a stable code, never a position or a translated name, so a
// file reads the same in any language and after columns are added.

#include "queuecolumns.h"
#include "queuefilter.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Escalation {

struct SavedView {
    QString name;
    QueueFilter filter;
    bool ownerIsMe = false; // the owner filter is whoever is signed in
    int sortColumn = QueueColumn::Countdown; // -1: the queue's own order
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    QList<int> columns; // the columns shown, in order; empty: all, as they are
    QString viewId = QStringLiteral("queue"); // the page it opens
    bool builtIn = false; // shipped with the desk: neither renamed nor removed

    friend bool operator==(const SavedView &, const SavedView &) = default;
};

namespace SavedViews {

// "My requests", "Breaching in the next hour", "Level 3–4 without analysis".
QList<SavedView> builtIns();

// The pages a view may open.
QStringList viewIds();
QString columnCode(int column);
int columnFromCode(QStringView code); // -1 when unknown

QJsonObject toJson(const SavedView &view);
// nullopt with *error naming the field when the object is not a view.
std::optional<SavedView> fromJson(const QJsonObject &object, QString *error);

QByteArray toFile(const QList<SavedView> &views);
// All the file's views, or nullopt with *error (and none of them) when any
// part of it is not understood: a shared file is taken whole or not at all.
std::optional<QList<SavedView>> fromFile(const QByteArray &data, QString *error);

// A name no view in `views` has: name, "name (2)", "name (3)" …
QString uniqueName(const QString &name, const QList<SavedView> &views);

} // namespace SavedViews

} // namespace Escalation
