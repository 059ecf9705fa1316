// IT 1: the first mvn verify generated walkers and suites for the spec from the jar, and the
// suites ran and passed; the surefire reports name the tests by obligation.
// IT 4: the second mvn verify, with nothing changed, wrote nothing and said so in one line each.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def walkers = new File(basedir, 'target/generated-sources/walkspec')
def suites = new File(basedir, 'target/generated-test-sources/walkspec')

// The spec came from the dependency jar, unpacked under target/walkspec-specs/<artifactId>/.
assert new File(basedir, 'target/walkspec-specs/walkspec-spec/kvm.walk').isFile()
assert new File(walkers, 'com/example/kvm/walk/kvm/ClearYoungX86Walker.java').isFile()
assert new File(walkers, 'com/example/kvm/walk/kvm/ClearFlushYoungX86Walker.java').isFile()
// Only the selected operations and profile.
assert !new File(walkers, 'com/example/kvm/walk/kvm/ClearYoungArm64Walker.java').exists()
assert !new File(walkers, 'com/example/kvm/walk/kvm/InvalidateRangeStartX86Walker.java').exists()
def handlerSuite = new File(suites, 'com/example/kvm/walk/kvm/ClearYoungX86X86AgeHandlerTest.java')
assert handlerSuite.isFile()

// Both runs passed their tests; the handler suite ran its obligations.
def reports = new File(basedir, 'target/surefire-reports')
def report = new File(reports, 'TEST-com.example.kvm.walk.kvm.ClearYoungX86X86AgeHandlerTest.xml').text
assert report.contains('H9 coverage') : 'the surefire report names the tests by obligation'
assert report.contains('H10 confinement')
assert report.contains('H11 result meaning')
def xml = new groovy.xml.XmlSlurper().parseText(report)
assert xml.@failures.toInteger() == 0 && xml.@errors.toInteger() == 0
assert xml.@tests.toInteger() >= 4

// IT 4: two runs in build.log; the second wrote nothing.
assert log.count('walkspec: wrote ') == 2 : 'first run: one line for the walkers, one for the suites'
assert log.contains('walkspec: walker sources in target/generated-sources/walkspec are up to date (specs, parameters and walkspec version unchanged); nothing written')
assert log.contains('walkspec: conformance suites in target/generated-test-sources/walkspec are up to date (specs, parameters and walkspec version unchanged); nothing written')
def secondStarted = Files.getLastModifiedTime(new File(basedir, 'target/second-run/started.txt').toPath())
def generated = []
[walkers, suites, new File(basedir, 'target/walkspec-specs')].each { dir ->
  dir.eachFileRecurse(groovy.io.FileType.ANY) { generated << it }
  generated << dir
}
assert generated.size() > 10
generated.each { f ->
  def written = Files.getLastModifiedTime(f.toPath())
  assert written < secondStarted : "${f} was written again in the second run"
}
return true
