# Runs at install time (cmake --install, cpack), included from the
# install(CODE) of packaging/CMakeLists.txt, which sets:
#   ESCALATION_SOURCE_DIR  ESCALATION_WORK_DIR  ESCALATION_VERSION
#   ESCALATION_HELP2MAN  ESCALATION_GZIP
#   ESCALATION_DESK  ESCALATION_CLI  ESCALATION_PORTAL   (built programs)
#   ESCALATION_BINDIR  ESCALATION_MANDIR  ESCALATION_DOCDIR (relative to the prefix)
# Installs what depends on the install prefix or is made from the built
# programs: the man pages (help2man, from --help), the gzipped changelog, the
# systemd unit of the portal and its environment file.

set(_prefix "${CMAKE_INSTALL_PREFIX}")
# /usr keeps its configuration in /etc, every other prefix in PREFIX/etc.
if(_prefix STREQUAL "/usr")
    set(_sysconfdir "/etc")
else()
    set(_sysconfdir "${_prefix}/etc")
endif()
file(MAKE_DIRECTORY "${ESCALATION_WORK_DIR}")

# gzip -9n: what Debian wants, and reproducible (no name or time stamp).
function(_escalation_gzip input output)
    execute_process(COMMAND "${ESCALATION_GZIP}" -9nc "${input}"
        OUTPUT_FILE "${output}" RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "gzip ${input} failed: ${_rc}")
    endif()
endfunction()

# Roff for a block of plain text: backslashes escaped, no line read as a request.
function(_escalation_roff_text text out_var)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# The environment the programs print their help in: English, no display, no
# user files.
set(_help_home "${ESCALATION_WORK_DIR}/help-home")
file(MAKE_DIRECTORY "${_help_home}/runtime")
file(CHMOD "${_help_home}/runtime" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(_help_env
    --unset=LANGUAGE --unset=LC_MESSAGES LC_ALL=C.UTF-8 LANG=C.UTF-8
    QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES=*.debug=false
    HOME=${_help_home} XDG_RUNTIME_DIR=${_help_home}/runtime
    XDG_CONFIG_HOME=${_help_home}/config XDG_DATA_HOME=${_help_home}/data)

# Each subcommand's --help as a section of escalation-desk-cli(1).
function(_escalation_cli_commands_section output)
    set(_roff "[COMMANDS]\n")
    foreach(_command deadline sync list decide export)
        execute_process(
            COMMAND ${CMAKE_COMMAND} -E env ${_help_env} "${ESCALATION_CLI}" ${_command} --help
            OUTPUT_VARIABLE _help RESULT_VARIABLE _rc ERROR_QUIET)
        if(NOT _rc EQUAL 0 OR _help STREQUAL "")
            message(FATAL_ERROR "escalation-desk-cli ${_command} --help failed: ${_rc}")
        endif()
        string(STRIP "${_help}" _help)
        _escalation_roff_text("${_help}" _help)
        # The usage line, the description as running text, then the options
        # and arguments as printed.
        string(FIND "${_help}" "\n" _end_of_usage)
        string(FIND "${_help}" "\n\n" _end_of_description)
        if(_end_of_usage LESS 0 OR _end_of_description LESS _end_of_usage)
            message(FATAL_ERROR "escalation-desk-cli ${_command} --help: unexpected layout")
        endif()
        string(SUBSTRING "${_help}" 0 ${_end_of_usage} _usage)
        math(EXPR _from "${_end_of_usage} + 1")
        math(EXPR _length "${_end_of_description} - ${_from}")
        string(SUBSTRING "${_help}" ${_from} ${_length} _description)
        math(EXPR _from "${_end_of_description} + 2")
        string(SUBSTRING "${_help}" ${_from} -1 _options)
        string(APPEND _roff ".SS ${_command}\n.nf\n${_usage}\n.fi\n${_description}\n"
                            ".PP\n.nf\n${_options}\n.fi\n")
    endforeach()
    file(WRITE "${output}" "${_roff}")
endfunction()

function(_escalation_man_page program name summary)
    set(_includes --include=${ESCALATION_SOURCE_DIR}/man/${name}.h2m)
    if(name STREQUAL "escalation-desk-cli")
        _escalation_cli_commands_section("${ESCALATION_WORK_DIR}/${name}-commands.h2m")
        list(APPEND _includes --include=${ESCALATION_WORK_DIR}/${name}-commands.h2m)
    endif()
    set(_page "${ESCALATION_WORK_DIR}/${name}.1")
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env ${_help_env}
            "${ESCALATION_HELP2MAN}" --no-info --section=1
            "--name=${summary}" "--version-string=${ESCALATION_VERSION}"
            "--source=Escalation Desk ${ESCALATION_VERSION}" "--manual=User Commands"
            ${_includes} "--output=${_page}" "${program}"
        RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "help2man ${name} failed (${_rc}): ${_err}")
    endif()
    _escalation_gzip("${_page}" "${_page}.gz")
    file(INSTALL "${_page}.gz" DESTINATION "${_prefix}/${ESCALATION_MANDIR}/man1"
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endfunction()

if(ESCALATION_HELP2MAN)
    _escalation_man_page("${ESCALATION_DESK}" escalation-desk
        "triage support escalation requests")
    _escalation_man_page("${ESCALATION_CLI}" escalation-desk-cli
        "business-time deadlines and the escalation queue from the command line")
    _escalation_man_page("${ESCALATION_PORTAL}" escalation-portal
        "reference case portal for Escalation Desk")
else()
    message(WARNING "help2man not found: installing without man pages")
endif()

# The changelog, as Debian wants it for a native package. Its newest entry
# must be this version.
file(STRINGS "${ESCALATION_SOURCE_DIR}/debian/changelog" _first LIMIT_COUNT 1)
if(NOT _first MATCHES "^escalation-desk \\(${ESCALATION_VERSION}\\) ")
    message(FATAL_ERROR "packaging/debian/changelog starts with \"${_first}\": add an entry "
                        "for version ${ESCALATION_VERSION}")
endif()
_escalation_gzip("${ESCALATION_SOURCE_DIR}/debian/changelog" "${ESCALATION_WORK_DIR}/changelog.gz")
file(INSTALL "${ESCALATION_WORK_DIR}/changelog.gz" DESTINATION "${_prefix}/${ESCALATION_DOCDIR}"
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# The portal's systemd unit names the installed program and environment file.
set(ESCALATION_SYSCONFDIR "${_sysconfdir}")
set(ESCALATION_BINDIR "${_prefix}/${ESCALATION_BINDIR}")
configure_file("${ESCALATION_SOURCE_DIR}/escalation-portal.service.in"
    "${ESCALATION_WORK_DIR}/escalation-portal.service" @ONLY)
file(INSTALL "${ESCALATION_WORK_DIR}/escalation-portal.service"
    DESTINATION "${_prefix}/lib/systemd/system"
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
# The environment file holds the token: root only.
file(INSTALL "${ESCALATION_SOURCE_DIR}/portal.env" DESTINATION "${_sysconfdir}/escalation-desk"
    PERMISSIONS OWNER_READ OWNER_WRITE)
