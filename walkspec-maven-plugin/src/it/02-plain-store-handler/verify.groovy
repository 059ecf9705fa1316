// IT 2: the plain-store age handler failed the generated suites under the canonical spec (aging is
// lockless there): the build failed, and its log names the obligation (H4), shows the explorer's
// step table with the breaking step, and gives the replay string to run that schedule again.
def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
assert log.contains('There are test failures')
// The one-call property: the runtime caught the plain store and named the obligation.
assert log.contains('H4 atomic_updates broken by age handler com.example.kvm.PlainStoreAgeHandler')
// The explored scenario: the explorer's report, with its step table and replay string.
assert log =~ /walkspec explorer: scenario '[a-z-]+' breaks H4/
assert log =~ /(?m)^ step \| walk +\|/ : 'the step table header'
assert log =~ /(?m)^ +\d+>? +\|.*<-- H4/ : 'the breaking step, marked'
assert log =~ /(?m)^replay: [a-z-]+@[0-9*.]+$/ : 'the replay string'
assert log.contains('walkspec: the handler under test: ')
// The command that replays the schedule on the same suite (docs/reproduce.md).
assert log =~ /(?m)^reproduce: walkspec replay --spec \S+ --binding '[^']+' --handler age=com\.example\.kvm\.PlainStoreAgeHandler --classpath target\/classes:target\/test-classes '[a-z-]+@[-0-9*.]+'$/ : 'the reproduce command'
return true
