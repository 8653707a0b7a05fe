# One INTERFACE target carries the compile definitions and warnings every
# target of the project shares. Link it PRIVATE into each library and program.
add_library(escalation_options INTERFACE)
add_library(Escalation::Options ALIAS escalation_options)

target_compile_definitions(escalation_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060000
)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(escalation_options INTERFACE
        -Wall -Wextra -Wpedantic
        -Wold-style-cast
        -Wshadow
        -Wnon-virtual-dtor
        -Woverloaded-virtual
        -Wcast-align
        -Wnull-dereference
        -Wimplicit-fallthrough
    )
endif()

# Linked as Debian links its packages: relocations read-only after start-up
# and resolved at once (full RELRO), so the GOT cannot be overwritten.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(escalation_options INTERFACE LINKER:-z,relro LINKER:-z,now)
endif()

option(ESCALATION_WERROR "Treat warnings as errors" OFF)
if(ESCALATION_WERROR)
    target_compile_options(escalation_options INTERFACE -Werror)
endif()
