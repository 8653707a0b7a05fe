# Runs lupdate over the sources into a copy of each .ts file and fails if
# any message is unfinished afterwards: a new string without a translation
# (lupdate adds it as unfinished) or one left unfinished by the translator.
foreach(_ts IN LISTS TS_FILES)
    get_filename_component(_name ${_ts} NAME)
    set(_copy ${WORK_DIR}/${_name})
    file(MAKE_DIRECTORY ${WORK_DIR})
    file(COPY_FILE ${_ts} ${_copy})
    execute_process(COMMAND ${LUPDATE} -locations none -no-obsolete @${SOURCES_LIST} -ts ${_copy}
        RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${_name}:\n${_out}\n${_err}")
    endif()
    file(READ ${_copy} _content)
    string(REGEX MATCHALL "type=\"unfinished\"" _unfinished "${_content}")
    list(LENGTH _unfinished _count)
    if(_count GREATER 0)
        # Name the messages: each unfinished translation with its source.
        string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\"" _named "${_content}")
        set(_list "")
        foreach(_m IN LISTS _named)
            string(REGEX REPLACE "^<source>([^<]*)</source>.*" "\\1" _src "${_m}")
            string(APPEND _list "  ${_src}\n")
        endforeach()
        message(FATAL_ERROR "${_name}: ${_count} message(s) without a finished translation:\n${_list}"
            "Run the escalation-desk_lupdate target and translate them.")
    endif()
    string(REGEX MATCHALL "<message" _messages "${_content}")
    list(LENGTH _messages _total)
    message(STATUS "${_name}: all ${_total} messages translated")
endforeach()
