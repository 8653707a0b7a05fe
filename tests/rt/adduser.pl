# Initial data for provision-rt.sh add-user: one more privileged user with
# the connector's rights on the two queues and an auth token of its own, so
# that a test can act as a second person (its replies and comments are its
# own in RT's history). Names come from the environment.
use strict;
use warnings;

my $user = $ENV{RT_ADD_USER_NAME} or die 'RT_ADD_USER_NAME is not set';
my $real = $ENV{RT_ADD_USER_REALNAME} || $user;
my ( $cases, $escalations ) = ( $ENV{RT_QUEUE_CASES}, $ENV{RT_QUEUE_ESCALATIONS} );

our @Users = (
    { Name => $user, RealName => $real, EmailAddress => '', Privileged => 1, Timezone => 'UTC' },
);

my @queue_rights = qw(
    SeeQueue ShowTicket ShowTicketComments ModifyTicket ReplyToTicket CommentOnTicket
    SeeCustomField ModifyCustomField
);
our @ACL = map {
    my $queue = $_;
    map { { UserId => $user, Queue => $queue, Right => $_ } } @queue_rights
} ( $cases, $escalations );

our @Final = (
    sub {
        my $owner = RT::User->new( RT->SystemUser );
        $owner->Load($user) or die "user $user missing";
        my $token = RT::AuthToken->new( RT->SystemUser );
        my ( $ok, $msg, $auth ) = $token->Create( Owner => $owner->Id, Description => 'Escalation Desk tests' );
        die "token: $msg" unless $ok;
        my $file = $ENV{RT_ADD_USER_TOKEN_FILE} or die 'RT_ADD_USER_TOKEN_FILE is not set';
        open my $fh, '>', $file or die "$file: $!";
        print {$fh} $auth, "\n";
        close $fh or die "$file: $!";
    },
);

1;
