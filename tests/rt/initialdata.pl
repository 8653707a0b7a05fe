# RT initial data for the throw-away Request Tracker that tests/rt/provision-rt.sh
# starts: the two queues Escalation Desk syncs from, the custom fields it maps,
# a sync user with exactly the rights the connector needs, and an auth token
# for that user written to $ENV{RT_PROVISION_TOKEN_FILE}.
#
# Names come from the environment so that tests can prove the connector reads
# them from its configuration rather than assuming them.

use strict;
use warnings;

my $cases       = $ENV{RT_QUEUE_CASES}       || 'Cases';
my $escalations = $ENV{RT_QUEUE_ESCALATIONS} || 'Escalations';
my $user        = $ENV{RT_SYNC_USER}         || 'desk-sync';
my $password    = $ENV{RT_SYNC_PASSWORD}     || 'desk-sync-password';
my %cf = (
    severity => $ENV{RT_CF_SEVERITY} || 'Severity',
    tier     => $ENV{RT_CF_TIER}     || 'Support Tier',
    priority => $ENV{RT_CF_PRIORITY} || 'Customer Priority',
    account  => $ENV{RT_CF_ACCOUNT}  || 'Account',
    level    => $ENV{RT_CF_LEVEL}    || 'Escalation Level',
    reason   => $ENV{RT_CF_REASON}   || 'Escalation Reason',
);

sub values_of { my $i = 0; return [ map { { Name => $_, SortOrder => $i++ } } @_ ] }

our @Queues = (
    {
        Name              => $cases,
        Description       => 'Customer support cases',
        CorrespondAddress => '',
        CommentAddress    => '',
        SLADisabled       => 0,
    },
    {
        Name              => $escalations,
        Description       => 'Escalation requests, each a child of the case it escalates',
        CorrespondAddress => '',
        CommentAddress    => '',
        SLADisabled       => 0,
    },
);

# Severity, tier and priority describe the case; they apply to both queues so
# that a site recording them on the escalation ticket works too.
our @CustomFields = (
    {
        Name        => $cf{severity},
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Case severity, 1 (outage) to 4',
        Values      => values_of(qw(1 2 3 4)),
        ApplyTo     => [ $cases, $escalations ],
    },
    {
        Name        => $cf{tier},
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Support tier of the account',
        Values      => values_of(qw(premium standard)),
        ApplyTo     => [ $cases, $escalations ],
    },
    {
        Name        => $cf{priority},
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Priority the customer gave the case',
        Values      => values_of(qw(low normal high)),
        ApplyTo     => [ $cases, $escalations ],
    },
    {
        Name        => $cf{account},
        Type        => 'FreeformSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Customer organisation',
        ApplyTo     => [ $cases ],
    },
    {
        Name        => $cf{level},
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Escalation level, 1 to 4',
        Values      => values_of(qw(1 2 3 4)),
        ApplyTo     => [ $escalations ],
    },
    {
        Name        => $cf{reason},
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Why the customer escalates',
        Values      => values_of(qw(time_constraint impaired_function first_response_missed lack_of_updates other)),
        ApplyTo     => [ $escalations ],
    },
);

our @Users = (
    {
        Name         => $user,
        Password     => $password,
        EmailAddress => '',
        RealName     => 'Escalation Desk sync',
        Privileged   => 1,
        Timezone     => 'UTC',
    },
);

# The rights the connector needs, granted on the two queues only.
my @queue_rights = qw(
    SeeQueue ShowTicket ShowTicketComments CreateTicket ModifyTicket
    ReplyToTicket CommentOnTicket SeeCustomField ModifyCustomField SetInitialCustomField
);
our @ACL = map {
    my $queue = $_;
    map { { UserId => $user, Queue => $queue, Right => $_ } } @queue_rights
} ( $cases, $escalations );

our @Final = (
    sub {
        my $owner = RT::User->new( RT->SystemUser );
        $owner->Load($user) or die "sync user $user missing";
        my $token = RT::AuthToken->new( RT->SystemUser );
        my ( $ok, $msg, $auth ) = $token->Create( Owner => $owner->Id, Description => 'Escalation Desk tests' );
        die "token: $msg" unless $ok;
        my $file = $ENV{RT_PROVISION_TOKEN_FILE} or die 'RT_PROVISION_TOKEN_FILE is not set';
        open my $fh, '>', $file or die "$file: $!";
        print {$fh} $auth, "\n";
        close $fh or die "$file: $!";
    },
    sub {
        # No mail leaves a test RT ($MailCommand is testfile), yet rendering
        # the autoreply and the notifications is a large part of what each
        # ticket costs RT to create or reply to: seeding hundreds of tickets
        # on a loaded machine ran out of time. The SLA scrips (RT's Due) and
        # all other scrips stay.
        my $scrips = RT::Scrips->new( RT->SystemUser );
        $scrips->UnLimit;
        while ( my $scrip = $scrips->Next ) {
            my $module = $scrip->ActionObj->ExecModule // '';
            next unless $module =~ /^(?:Autoreply|Notify|NotifyAsComment|NotifyGroup|NotifyGroupAsComment)$/;
            my ( $ok, $msg ) = $scrip->SetDisabled(1);
            die 'scrip ' . $scrip->Id . ": $msg" unless $ok;
        }
    },
);

1;
