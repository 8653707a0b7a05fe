#!/usr/bin/env bash
# Provisions a throw-away Request Tracker 5 on loopback, for the RT
# integration tests and for trying the RT connector by hand.
#
#   provision-rt.sh start [--dir DIR] [--port PORT] [--workers N]
#       Creates DIR (default: a new folder under ${TMPDIR:-/tmp}) with its own
#       site config, SQLite database and logs; initialises the database with the
#       queues, custom fields, sync user and auth token from initialdata.pl;
#       starts RT's standalone server on 127.0.0.1 and waits until REST 2
#       answers. Prints shell assignments on stdout (RT_URL, RT_DIR,
#       RT_PID_FILE, RT_TOKEN, RT_USER, RT_PASSWORD, RT_ROOT_PASSWORD, ...) and
#       keeps them in DIR/rt.env. Progress goes to stderr.
#   provision-rt.sh stop DIR [--keep]
#       Stops the server by the process id in DIR/rt.pid and removes DIR
#       (unless --keep).
#   provision-rt.sh serve DIR
#       Starts the server again on the same port for a folder that
#       "stop DIR --keep" left (the tests use it for "RT down and back").
#   provision-rt.sh add-user DIR NAME [REAL_NAME]
#       Adds a privileged RT user NAME with the sync user's rights on the two
#       queues and an auth token of its own (a person using the desk with
#       their own token), to the running RT of DIR. Prints RT_USER_TOKEN=...
#   provision-rt.sh check
#       Exits 0 when the RT packages are installed, 1 with the reason if not.
#
# Names of queues and custom fields can be changed through the environment
# (RT_QUEUE_CASES, RT_QUEUE_ESCALATIONS, RT_CF_SEVERITY, RT_CF_TIER,
# RT_CF_PRIORITY, RT_CF_ACCOUNT, RT_CF_LEVEL, RT_CF_REASON, RT_SYNC_USER,
# RT_SYNC_PASSWORD). Needs the Debian 12 packages request-tracker5,
# rt5-db-sqlite and rt5-standalone; runs as root or as any user that may
# write RT's Mason cache (/var/cache/request-tracker5).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rt_lib=/usr/share/request-tracker5
setup_db=/usr/sbin/rt-setup-database-5
rt_server=$rt_lib/libexec/rt-server

log() { printf 'provision-rt: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

check_installed() {
    local missing=()
    [[ -x $setup_db ]] || missing+=(request-tracker5)
    [[ -x $rt_server ]] || missing+=(request-tracker5)
    perl -MDBD::SQLite -e 1 2>/dev/null || missing+=(rt5-db-sqlite)
    perl -MStarlet -e 1 2>/dev/null || missing+=(rt5-standalone)
    command -v curl >/dev/null || missing+=(curl)
    if ((${#missing[@]})); then
        printf 'missing Debian packages: %s\n' "$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
        return 1
    fi
}

free_port() {
    # Perl is there with RT; the kernel picks a free port, released right away.
    perl -MIO::Socket::INET -e '
        my $s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1", LocalPort => 0, ReuseAddr => 1)
            or die "no free port: $!\n";
        print $s->sockport, "\n";'
}

random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' ; }

write_site_config() {
    local dir=$1 port=$2
    # RT_SITE_CONFIG replaces /etc/request-tracker5/RT_SiteConfig.pm and
    # RT_SITE_CONFIG_DIR the Debian RT_SiteConfig.d, so nothing of a system RT
    # (its database, its mail setup) leaks in.
    cat >"$dir/RT_SiteConfig.pm" <<EOF
# Throw-away RT for Escalation Desk tests; written by provision-rt.sh.
Set(\$rtname, 'escalation-desk-test');
Set(\$Organization, 'escalation-desk.test');
Set(\$Timezone, 'UTC');

Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$dir/rt.sqlite');
Set(\$DatabaseHost, 'localhost');
Set(\$DatabaseUser, '');
Set(\$DatabasePassword, '');

# Must be in place before the database is initialised: root's and the sync
# user's passwords and the auth token are hashed with it. The default (12)
# costs a quarter of a second per basic-auth request.
Set(\$BcryptCost, 4);

Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$WebPath, '');
Set(\$WebBaseURL, 'http://127.0.0.1:$port');
Set(\$CanonicalizeRedirectURLs, 0);

# No mail leaves the machine: outgoing mail goes to a temporary file.
Set(\$MailCommand, 'testfile');
Set(\$CorrespondAddress, 'rt@escalation-desk.test');
Set(\$CommentAddress, 'rt-comment@escalation-desk.test');

Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$LogToFile, 'warning');
Set(\$LogDir, '$dir');
Set(\$LogToFileNamed, 'rt.log');

# SLAs: the escalations queue answers within 4 business hours on the
# Americas business week Escalation Desk ships (resources/calendars).
Set(%ServiceBusinessHours,
    'Americas' => {
        0 => { Name => 'Sunday',    Start => undef,   End => undef },
        1 => { Name => 'Monday',    Start => '08:00', End => '18:00' },
        2 => { Name => 'Tuesday',   Start => '08:00', End => '18:00' },
        3 => { Name => 'Wednesday', Start => '08:00', End => '18:00' },
        4 => { Name => 'Thursday',  Start => '08:00', End => '18:00' },
        5 => { Name => 'Friday',    Start => '08:00', End => '17:00' },
        6 => { Name => 'Saturday',  Start => undef,   End => undef },
    },
);
Set(%ServiceAgreements,
    Default      => '3 business days',
    QueueDefault => {
        '${RT_QUEUE_ESCALATIONS:-Escalations}' => '4h business',
        '${RT_QUEUE_CASES:-Cases}'             => '3 business days',
    },
    Levels => {
        '4h business' => {
            BusinessHours => 'Americas',
            Timezone      => 'America/New_York',
            Starts        => { RealMinutes => 0 },
            Resolve       => { BusinessMinutes => 240 },
        },
        '3 business days' => {
            BusinessHours => 'Americas',
            Timezone      => 'America/New_York',
            Resolve       => { BusinessMinutes => 3 * 600 },
        },
    },
);

1;
EOF
}

wait_for_rest2() {
    local url=$1 pid=$2 deadline=$((SECONDS + 90))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || return 1
        if curl -fs -o /dev/null --max-time 5 -H "Authorization: token $3" "$url/REST/2.0/rt"; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

start_server() {
    local dir=$1 port=$2 workers=$3 token=$4
    log "starting RT on 127.0.0.1:$port"
    # setsid: the server and its workers get their own process group, so stop
    # can end all of them by the one id. TERM, not INT: Debian's rt-server
    # chowns /var/lib/request-tracker5 on INT.
    RT_SITE_CONFIG=$dir/RT_SiteConfig.pm RT_SITE_CONFIG_DIR=$dir/RT_SiteConfig.d \
        setsid "$rt_server" --server Starlet --host 127.0.0.1 --port "$port" \
        --max-workers "$workers" --env deployment \
        >>"$dir/server.log" 2>&1 </dev/null &
    local pid=$!
    printf '%s\n' "$pid" >"$dir/rt.pid"
    if ! wait_for_rest2 "http://127.0.0.1:$port" "$pid" "$token"; then
        cat "$dir/server.log" >&2
        kill -TERM -- "-$pid" 2>/dev/null || true
        die "RT did not answer on http://127.0.0.1:$port/REST/2.0/ (log above; files kept in $dir)"
    fi
}

# Starts the server again for a folder that start made and stop --keep left.
cmd_serve() {
    local dir=${1:-} workers=${2:-3}
    [[ -n $dir && -f $dir/rt.env ]] || die "usage: $0 serve DIR (a folder made by start, stopped with --keep)"
    if [[ -s $dir/rt.pid ]] && kill -0 "$(<"$dir/rt.pid")" 2>/dev/null; then
        die "RT of $dir is running (pid $(<"$dir/rt.pid"))"
    fi
    local port token started=$SECONDS
    port=$(sed -n 's/^RT_URL=http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/rt.env")
    [[ -n $port ]] || die "$dir/rt.env has no RT_URL"
    token=$(<"$dir/token")
    start_server "$dir" "$port" "$workers" "$token"
    log "RT is up again after $((SECONDS - started)) s"
}

cmd_start() {
    local dir='' port='' workers=3
    while (($#)); do
        case $1 in
            --dir) dir=$2; shift 2 ;;
            --port) port=$2; shift 2 ;;
            --workers) workers=$2; shift 2 ;;
            *) die "unknown option for start: $1" ;;
        esac
    done
    local why
    why=$(check_installed) || die "$why (apt-get install request-tracker5 rt5-db-sqlite rt5-standalone)"

    if [[ -z $dir ]]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/escalation-rt.XXXXXX")
    else
        mkdir -p "$dir"
        [[ -e $dir/rt.sqlite ]] && die "$dir already holds an RT database; stop it first"
    fi
    dir=$(cd "$dir" && pwd)
    [[ -n $port ]] || port=$(free_port)
    local started=$SECONDS

    mkdir -p "$dir/RT_SiteConfig.d"
    write_site_config "$dir" "$port"
    export RT_SITE_CONFIG=$dir/RT_SiteConfig.pm
    export RT_SITE_CONFIG_DIR=$dir/RT_SiteConfig.d

    local root_password sync_password
    root_password=$(random_secret)
    sync_password=${RT_SYNC_PASSWORD:-$(random_secret)}
    export RT_SYNC_PASSWORD=$sync_password
    export RT_PROVISION_TOKEN_FILE=$dir/token
    printf '%s\n' "$root_password" >"$dir/root-password"
    chmod 600 "$dir/root-password"

    log "initialising the database in $dir"
    # init = create + schema + ACLs + core data + RT's own initial data; then
    # ours. Both are non-interactive for SQLite (no DBA password to ask for).
    if ! "$setup_db" --action init --root-password-file "$dir/root-password" \
            >"$dir/setup.log" 2>&1 </dev/null; then
        cat "$dir/setup.log" >&2
        die "rt-setup-database --action init failed"
    fi
    if ! "$setup_db" --action insert --datafile "$here/initialdata.pl" \
            >>"$dir/setup.log" 2>&1 </dev/null; then
        cat "$dir/setup.log" >&2
        die "inserting $here/initialdata.pl failed"
    fi
    # Errors in initial data are only logged by RT; a missing token means the
    # data did not go in.
    [[ -s $dir/token ]] || { cat "$dir/setup.log" >&2; die "initial data did not create the auth token"; }
    chmod 600 "$dir/token"
    local token
    token=$(<"$dir/token")

    start_server "$dir" "$port" "$workers" "$token"

    {
        printf 'RT_URL=%q\n' "http://127.0.0.1:$port"
        printf 'RT_DIR=%q\n' "$dir"
        printf 'RT_PID_FILE=%q\n' "$dir/rt.pid"
        printf 'RT_TOKEN=%q\n' "$token"
        printf 'RT_USER=%q\n' "${RT_SYNC_USER:-desk-sync}"
        printf 'RT_PASSWORD=%q\n' "$sync_password"
        printf 'RT_ROOT_PASSWORD=%q\n' "$root_password"
        printf 'RT_QUEUE_CASES=%q\n' "${RT_QUEUE_CASES:-Cases}"
        printf 'RT_QUEUE_ESCALATIONS=%q\n' "${RT_QUEUE_ESCALATIONS:-Escalations}"
        printf 'RT_SITE_CONFIG=%q\n' "$RT_SITE_CONFIG"
        printf 'RT_SITE_CONFIG_DIR=%q\n' "$RT_SITE_CONFIG_DIR"
    } >"$dir/rt.env"
    chmod 600 "$dir/rt.env"
    cat "$dir/rt.env"
    log "RT is up after $((SECONDS - started)) s; stop it with: $0 stop $dir"
}

cmd_stop() {
    local dir='' keep=0
    while (($#)); do
        case $1 in
            --keep) keep=1; shift ;;
            -*) die "unknown option for stop: $1" ;;
            *) dir=$1; shift ;;
        esac
    done
    [[ -n $dir ]] || die "usage: $0 stop DIR [--keep]"
    [[ -d $dir ]] || die "$dir does not exist"
    if [[ -s $dir/rt.pid ]]; then
        local pid
        pid=$(<"$dir/rt.pid")
        [[ $pid =~ ^[0-9]+$ ]] || die "$dir/rt.pid does not hold a process id"
        if kill -0 "$pid" 2>/dev/null; then
            # The group holds the Starlet master and its workers.
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
            local deadline=$((SECONDS + 15))
            while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
            if kill -0 "$pid" 2>/dev/null; then
                log "RT (pid $pid) ignored TERM; killing it"
                kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        rm -f "$dir/rt.pid"
    fi
    if ((keep)); then
        log "stopped; files kept in $dir"
    else
        # Only a folder this script made: it holds our site config.
        [[ -f $dir/RT_SiteConfig.pm ]] && grep -q 'written by provision-rt.sh' "$dir/RT_SiteConfig.pm" \
            || die "$dir was not made by provision-rt.sh; not removing it"
        rm -rf -- "$dir"
        log "stopped and removed $dir"
    fi
}

cmd_add_user() {
    local dir=${1:?usage: add-user DIR NAME [REAL_NAME]} name=${2:?usage: add-user DIR NAME [REAL_NAME]}
    local real=${3:-$2}
    [[ -f $dir/RT_SiteConfig.pm ]] || die "$dir holds no RT made by this script"
    export RT_SITE_CONFIG=$dir/RT_SiteConfig.pm
    export RT_SITE_CONFIG_DIR=$dir/RT_SiteConfig.d
    export RT_ADD_USER_NAME=$name RT_ADD_USER_REALNAME=$real
    export RT_ADD_USER_TOKEN_FILE=$dir/token-$name
    export RT_QUEUE_CASES=${RT_QUEUE_CASES:-Cases} RT_QUEUE_ESCALATIONS=${RT_QUEUE_ESCALATIONS:-Escalations}
    if ! "$setup_db" --action insert --datafile "$here/adduser.pl" \
            >>"$dir/setup.log" 2>&1 </dev/null; then
        tail -20 "$dir/setup.log" >&2
        die "adding the user $name failed"
    fi
    [[ -s $RT_ADD_USER_TOKEN_FILE ]] || { tail -20 "$dir/setup.log" >&2; die "no token for $name"; }
    chmod 600 "$RT_ADD_USER_TOKEN_FILE"
    printf 'RT_USER_TOKEN=%q\n' "$(<"$RT_ADD_USER_TOKEN_FILE")"
}

case ${1:-} in
    start) shift; cmd_start "$@" ;;
    add-user) shift; cmd_add_user "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    serve) shift; cmd_serve "$@" ;;
    check) check_installed ;;
    *) die "usage: $0 start [--dir DIR] [--port PORT] [--workers N] | stop DIR [--keep] | serve DIR | add-user DIR NAME [REAL_NAME] | check" ;;
esac
