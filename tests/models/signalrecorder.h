#pragma once

// Records a model's structural signals as lines of text ("insert 3-4",
// "remove 0-1", "changed 2:0-2:1", "reset", "layout"), so that tests compare
// whole signal sequences at once and a failure shows what happened.

#include <QAbstractItemModel>
#include <QObject>
#include <QStringList>

class SignalRecorder final : public QObject {
public:
    explicit SignalRecorder(QAbstractItemModel *model)
        : QObject(model)
    {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    lines << QStringLiteral("insert %1-%2").arg(first).arg(last);
                });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    lines << QStringLiteral("remove %1-%2").arg(first).arg(last);
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br) {
                    lines << QStringLiteral("changed %1:%2-%3:%4")
                                 .arg(tl.row())
                                 .arg(tl.column())
                                 .arg(br.row())
                                 .arg(br.column());
                });
        connect(model, &QAbstractItemModel::modelReset, this,
                [this] { lines << QStringLiteral("reset"); });
        connect(model, &QAbstractItemModel::layoutChanged, this,
                [this] { lines << QStringLiteral("layout"); });
    }

    QString text() const { return lines.join(QLatin1Char('\n')); }
    void clear() { lines.clear(); }

    QStringList lines;
};
