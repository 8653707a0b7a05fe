#pragma once

// A scripted network layer for client tests: a QNetworkAccessManager whose
// createRequest() hands out FakeReply objects that answer, fail, hang, cut
// the body short or stream an endless body, as each test decides.

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <functional>

struct FakeAnswer {
    enum Kind { Respond, Fail, Hang, Truncate, Stream };
    Kind kind = Respond;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::ConnectionRefusedError;
    bool declareLength = true; // send Content-Length
    qint64 streamBytes = 0; // Stream: total bytes sent in 1 MB chunks

    static FakeAnswer json(int status, const QByteArray &body,
                           QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        FakeAnswer a;
        a.status = status;
        a.body = body;
        a.headers = std::move(headers);
        return a;
    }
    static FakeAnswer fail(QNetworkReply::NetworkError e)
    {
        FakeAnswer a;
        a.kind = Fail;
        a.error = e;
        return a;
    }
    static FakeAnswer hang()
    {
        FakeAnswer a;
        a.kind = Hang;
        return a;
    }
};

class FakeReply final : public QNetworkReply {
    Q_OBJECT
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
              FakeAnswer answer, QObject *parent)
        : QNetworkReply(parent)
        , m_answer(std::move(answer))
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        QTimer::singleShot(1, this, &FakeReply::deliver);
    }

    void abort() override
    {
        if (isFinished())
            return;
        m_aborted = true;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        Q_EMIT errorOccurred(OperationCanceledError);
        finishNow();
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        if (m_pos == m_data.size()) {
            m_data.clear();
            m_pos = 0;
        }
        return n;
    }

private:
    void headers(qint64 length)
    {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_answer.status);
        for (const auto &[k, v] : std::as_const(m_answer.headers))
            setRawHeader(k, v);
        if (m_answer.declareLength && length >= 0)
            setHeader(QNetworkRequest::ContentLengthHeader, length);
        Q_EMIT metaDataChanged();
    }
    void push(const QByteArray &bytes)
    {
        m_data += bytes;
        Q_EMIT readyRead();
    }
    void finishNow()
    {
        setFinished(true);
        Q_EMIT finished();
    }
    void deliver()
    {
        if (m_aborted)
            return;
        switch (m_answer.kind) {
        case FakeAnswer::Hang:
            return;
        case FakeAnswer::Fail:
            setError(m_answer.error, QStringLiteral("Connection refused"));
            Q_EMIT errorOccurred(m_answer.error);
            finishNow();
            return;
        case FakeAnswer::Respond:
            headers(m_answer.body.size());
            if (m_aborted)
                return;
            if (!m_answer.body.isEmpty())
                push(m_answer.body);
            if (m_aborted)
                return;
            if (m_answer.status >= 400) {
                const auto e = m_answer.status >= 500 ? InternalServerError : ContentNotFoundError;
                setError(e, QStringLiteral("HTTP error"));
                Q_EMIT errorOccurred(e);
            }
            finishNow();
            return;
        case FakeAnswer::Truncate:
            headers(m_answer.body.size() * 2);
            push(m_answer.body);
            if (m_aborted)
                return;
            setError(RemoteHostClosedError, QStringLiteral("Remote host closed the connection"));
            Q_EMIT errorOccurred(RemoteHostClosedError);
            finishNow();
            return;
        case FakeAnswer::Stream:
            headers(m_answer.streamBytes);
            streamChunk();
            return;
        }
    }
    void streamChunk()
    {
        if (m_aborted)
            return;
        const qint64 chunk = std::min<qint64>(1024 * 1024, m_answer.streamBytes - m_sent);
        if (chunk <= 0) {
            finishNow();
            return;
        }
        m_sent += chunk;
        push(QByteArray(chunk, ' '));
        QTimer::singleShot(0, this, &FakeReply::streamChunk);
    }

    FakeAnswer m_answer;
    QByteArray m_data;
    qint64 m_pos = 0;
    qint64 m_sent = 0;
    bool m_aborted = false;
};

struct RecordedRequest {
    QByteArray verb;
    QUrl url;
    QNetworkRequest request;
    QByteArray body;
    qint64 atMs = 0;
};

class FakeNetworkAccessManager final : public QNetworkAccessManager {
    Q_OBJECT
public:
    using Handler = std::function<FakeAnswer(const RecordedRequest &, int index)>;
    explicit FakeNetworkAccessManager(QObject *parent = nullptr)
        : QNetworkAccessManager(parent)
    {
        m_clock.start();
    }

    // Answers in order; the last one repeats.
    void script(QList<FakeAnswer> answers)
    {
        m_handler = [answers](const RecordedRequest &, int i) {
            return answers.at(std::min<qsizetype>(i, answers.size() - 1));
        };
    }
    void setHandler(Handler h) { m_handler = std::move(h); }

    QList<RecordedRequest> requests;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        RecordedRequest r;
        r.verb = op == GetOperation
            ? QByteArray("GET")
            : request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        if (r.verb.isEmpty())
            r.verb = op == PostOperation ? QByteArray("POST") : QByteArray("OTHER");
        r.url = request.url();
        r.request = request;
        if (outgoingData)
            r.body = outgoingData->readAll();
        r.atMs = m_clock.elapsed();
        requests.append(r);
        return new FakeReply(op, request, m_handler(r, int(requests.size() - 1)), this);
    }

private:
    Handler m_handler = [](const RecordedRequest &, int) { return FakeAnswer::json(200, "{}"); };
    QElapsedTimer m_clock;
};
