// IT 8: each of the four builds failed, each naming the obligation the wrong pass breaks, under
// the handler it is in. The correct pass beside it could not hide it: the TDP MMU's entries and the
// shadow MMU's are separate, and the suites check VMs with either MMU alone and with both.
def log = new File(basedir, 'build.log').text

assert log.count('BUILD FAILURE') == 4 : 'four invocations, four failed builds'
// Age, TDP pass one page short: the last page of a range stays young in a TDP root (H9).
assert log.contains('H9 coverage broken by age handler com.example.kvm.AgeTdpPassBug')
// Age, shadow pass on 4 KiB heads only: a young 2 MiB shadow entry stays young (H9).
assert log.contains('H9 coverage broken by age handler com.example.kvm.AgeShadowPassBug')
// Unmap, TDP pass answering for its last root only: removed mappings, false result (H11).
assert log.contains('H11 result_meaning broken by unmap handler com.example.kvm.UnmapTdpPassBug')
// Unmap, shadow pass on 4 KiB heads only: a 2 MiB shadow entry survives the unmap (H9).
assert log.contains('H9 coverage broken by unmap handler com.example.kvm.UnmapShadowPassBug')
// Every counterexample says how to reproduce it.
assert log =~ /reproduce: mvn test -Dtest='[A-Za-z0-9]+Test#h\d+[A-Za-z]+'/
return true
