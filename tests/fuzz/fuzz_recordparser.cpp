// libFuzzer target over everything the client reads from the network: the
// change feed page, a write's answer, a bare request, the long-poll cursor
// and the error body. Beyond "no crash, no leak, no undefined behaviour" it
// checks one property: a record that passed validation survives the trip
// through its wire form unchanged (what the outbox and exports rely on).
//
// Built with -fsanitize=fuzzer,address,undefined when ESCALATION_BUILD_FUZZERS
// is on (tests/fuzz/run-fuzz.sh); the same entry point also runs over the
// committed corpus in every ordinary build (fuzz_recordparser_replay).

#include "recordparser.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Escalation;

namespace {

[[noreturn]] void propertyFailed(const char *what, const QString &id)
{
    std::fprintf(stderr, "fuzz_recordparser: %s (record %s)\n", what, qPrintable(id));
    std::abort();
}

void checkRoundTrips(const PageParseResult &result, const ParseLimits &limits)
{
    for (const Case &c : result.page.cases) {
        QString why;
        const std::optional<Case> again = parseCase(caseToJson(c), limits, &why);
        if (!again || !(*again == c))
            propertyFailed("a valid case changed through its wire form", c.id);
    }
    for (const EscalationRequest &r : result.page.requests) {
        QString why;
        const std::optional<EscalationRequest> again = parseRequest(requestToJson(r), limits, &why);
        if (!again || !(*again == r))
            propertyFailed("a valid request changed through its wire form", r.id);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Small limits too, so that the size checks themselves are reached.
    static const ParseLimits defaults;
    static const ParseLimits tight = [] {
        ParseLimits l;
        l.maxBodyBytes = 4096;
        l.maxIdLength = 8;
        l.maxNameLength = 16;
        l.maxSubjectLength = 32;
        l.maxTextLength = 64;
        l.maxNotes = 2;
        l.maxPageRecords = 4;
        return l;
    }();
    for (const ParseLimits *limits : {&defaults, &tight}) {
        const PageParseResult page = parseChangesPage(body, *limits);
        if (page.ok)
            checkRoundTrips(page, *limits);
        const RequestParseResult wrapped = parseRequestAnswer(body, true, *limits);
        const RequestParseResult bare = parseRequestAnswer(body, false, *limits);
        for (const RequestParseResult *answer : {&wrapped, &bare}) {
            if (answer->request) {
                QString why;
                const auto again = parseRequest(requestToJson(*answer->request), *limits, &why);
                if (!again || !(*again == *answer->request))
                    propertyFailed("a valid answer changed through its wire form",
                                   answer->request->id);
            }
        }
        (void)parseWaitCursor(body, *limits);
        (void)parseErrorBody(body, *limits);
    }
    if (size <= 64) {
        const QDateTime instant = parseInstant(QString::fromUtf8(body));
        if (instant.isValid() && parseInstant(instantToString(instant)) != instant)
            propertyFailed("an instant changed through its wire form", QString::fromUtf8(body));
    }
    return 0;
}
