# escalation_add_test(NAME SOURCES a.cpp b.cpp LIBRARIES lib1 lib2 [LABELS l1] [TIMEOUT s])
# Builds one Qt Test executable and registers it with CTest. Every test runs
# with the offscreen platform and with QStandardPaths' test mode enabled by
# the test itself, so no test touches a real display or the user's files.
function(escalation_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test Escalation::Options ${ARG_LIBRARIES})
    # Helpers shared by several test folders (tests/support).
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
