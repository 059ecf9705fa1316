// IT 8: each of the first four builds failed, each naming the obligation the wrong pass breaks, under
// the handler it is in. The correct pass beside it could not hide it: the TDP MMU's entries and the
// shadow MMU's are separate, and the suites check VMs with either MMU alone and with both.
def log = new File(basedir, 'build.log').text

def failed = log.readLines().count { it == '[INFO] BUILD FAILURE' }
assert failed == 5 : "five invocations, five failed builds; got ${failed}"
// Age, TDP pass one page short: the last page of a range stays young in a TDP root (H9).
assert log.contains('H9 coverage broken by age handler com.example.kvm.AgeTdpPassBug') : 'age, TDP pass'
// Age, shadow pass on 4 KiB heads only: a young 2 MiB shadow entry stays young (H9).
assert log.contains('H9 coverage broken by age handler com.example.kvm.AgeShadowPassBug') : 'age, shadow pass'
// Unmap, TDP pass answering for its last root only: mappings removed and a false result, so no
// flush: H11 when a one-call state has two roots with the mapping in the first, and always H12 in
// the explored invalidation (a vCPU keeps the stale translation).
assert log =~ /H1[12] [a-z_]+ broken by unmap handler com\.example\.kvm\.UnmapTdpPassBug/ : 'unmap, TDP pass'
// Unmap, shadow pass on 4 KiB heads only: a 2 MiB shadow entry survives the unmap (H9).
assert log.contains('H9 coverage broken by unmap handler com.example.kvm.UnmapShadowPassBug') : 'unmap, shadow pass'
// Every one-call counterexample says how to reproduce it.
assert log =~ /reproduce: mvn test -Dtest='[A-Za-z0-9]+Test#h\d+[A-Za-z]+'/ : 'a reproduce command'

// The fifth build: correct handlers, one schedule per explored scenario. Every exploration stops on
// its budget before the end of its search, and none of them passes (issue 19): each is reported
// inconclusive, with the property that raises the budget; the one-call properties still pass.
def fifth = log.split(/\[INFO\] BUILD FAILURE/)[4]
assert fifth =~ /walkspec: inconclusive: scenario '[a-z-]+' stopped on its schedule budget after 1 schedules/ : 'inconclusive'
assert fifth.contains('Raise the budget (now 60 s or 1 schedules) with -Dwalkspec.explore.schedules') : 'what to raise'
assert !(fifth =~ /H\d+ [a-z_ ]+ broken by/) : 'correct handlers: nothing is broken, only inconclusive'

return true
