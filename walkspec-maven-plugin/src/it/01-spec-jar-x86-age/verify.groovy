// IT 1: the first mvn verify generated walkers and suites for the spec from the jar, and the
// suites ran and passed with the README's example handlers (age, test_age, unmap) on x86 in every
// VM it allows; the surefire reports name the tests by obligation; the walkspec goals and the
// test run printed at most 40 lines.
// IT 4: the second mvn verify, with nothing changed, wrote nothing and said so in one line each,
// and reran no generated walker suite (VerifiedOnce: same classes, so they are reported skipped)
// and no exploration (walkspec.explore.cache: each reused its kept pass).
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def walkers = new File(basedir, 'target/generated-sources/walkspec')
def suites = new File(basedir, 'target/generated-test-sources/walkspec')
def pkg = 'com/example/kvm/walk/kvm/'

// The spec came from the dependency jar, unpacked under target/walkspec-specs/<artifactId>/.
assert new File(basedir, 'target/walkspec-specs/walkspec-spec/kvm.walk').isFile()
['InvalidateRangeStart', 'InvalidateRangeEnd', 'ClearFlushYoung', 'ClearYoung', 'TestYoung'].each {
  assert new File(walkers, pkg + it + 'X86Walker.java').isFile()
}
// Only the selected profile.
assert !new File(walkers, pkg + 'ClearYoungArm64Walker.java').exists()
['ClearYoungX86X86AgeHandlerTest', 'TestYoungX86X86TestAgeHandlerTest',
 'InvalidateRangeStartX86X86UnmapHandlerTest'].each {
  assert new File(suites, pkg + it + '.java').isFile()
}

// Both runs passed their tests; the handler suites ran their obligations.
def reports = new File(basedir, 'target/surefire-reports')
def report = new File(reports, 'TEST-com.example.kvm.walk.kvm.ClearYoungX86X86AgeHandlerTest.xml').text
assert report.contains('H9 coverage') : 'the surefire report names the tests by obligation'
assert report.contains('H10 confinement') : 'H10'
assert report.contains('H11 result meaning') : 'H11'
reports.eachFileMatch(~/TEST-.*\.xml/) { f ->
  def xml = new groovy.xml.XmlSlurper().parseText(f.text)
  assert xml.@failures.toInteger() == 0 && xml.@errors.toInteger() == 0 : f.name
}
def unmap = new groovy.xml.XmlSlurper().parseText(
    new File(reports, 'TEST-com.example.kvm.walk.kvm.InvalidateRangeStartX86X86UnmapHandlerTest.xml').text)
assert unmap.@tests.toInteger() >= 4

// The suites' test class path, as surefire resolved it for the run: walkspec-harness is there, and
// nothing of the compiler (issue 16): no walkspec-generator, ANTLR, JavaPoet, picocli or Jackson.
def suiteReport = new groovy.xml.XmlSlurper().parseText(
    new File(reports, 'TEST-com.example.kvm.walk.kvm.ClearYoungX86X86AgeHandlerTest.xml').text)
def testClassPath = suiteReport.properties.property.find { it.@name == 'surefire.test.class.path' }
assert !testClassPath.isEmpty() : 'the surefire report records the test class path'
def jars = testClassPath.@value.toString().split(File.pathSeparator).collect { new File(it).name }
assert jars.any { it.startsWith('walkspec-harness-') } : "walkspec-harness is on it: $jars"
assert jars.any { it.startsWith('walkspec-spec-') } : "the spec jar comes with the harness: $jars"
['walkspec-generator', 'antlr', 'javapoet', 'picocli', 'jackson'].each { lib ->
  def found = jars.findAll { it.toLowerCase().contains(lib) }
  assert found.isEmpty() : "$lib is on the suites' test class path: $found"
}

// Quiet: what the first run's walkspec goals and test run printed, blank lines aside.
def first = log.substring(0, log.indexOf('BUILD SUCCESS'))
def printed = []
def inWalkspec = false
def inTests = false
first.eachLine { line ->
  if (line.contains('--- ')) {
    inWalkspec = line.contains('--- walkspec:')
  }
  if (line.contains('T E S T S')) {
    inTests = true
  }
  if ((inWalkspec || inTests) && line.replace('[INFO]', '').trim()) {
    printed << line
  }
  if (inTests && line.contains('Tests run:') && !line.contains(' in ')) {
    inTests = false
  }
}
println "IT 1: the walkspec goals and the test run printed ${printed.size()} lines"
assert printed.size() <= 40 : "a green build prints at most 40 lines, got ${printed.size()}:\n" + printed.join('\n')
assert !first.contains('jqwik') : 'no jqwik table or warning in a green build'

// IT 4: two runs in build.log; the second wrote nothing.
assert log.count('walkspec: wrote ') == 2 : 'first run: one line for the walkers, one for the suites'
assert log.contains('walkspec: walker sources in target/generated-sources/walkspec are up to date (specs, parameters and walkspec version unchanged); nothing written') : 'walkers up to date'
assert log.contains('walkspec: conformance suites in target/generated-test-sources/walkspec are up to date (specs, parameters and walkspec version unchanged); nothing written') : 'suites up to date'
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
// The second run reran no walker suite: their work is reported skipped, the drift locks ran.
def second = log.substring(log.indexOf('BUILD SUCCESS') + 1)
def walkerRuns = second.readLines().findAll { it =~ /Tests run: .* in com\.example\.kvm\.walk\.kvm\.\w+WalkerTest$/ }
assert walkerRuns.size() >= 6
walkerRuns.each { assert it =~ /Skipped: [1-9]/ : it }
// Issue 19: with walkspec.explore.cache set, the second run explored nothing again: every explored
// test of the handler suites reused the pass the first run kept, and said so.
assert !first.contains('reused a pass') : 'the first run had nothing to reuse'
def kept = new File(basedir, 'target/walkspec-cache/explored').listFiles().findAll { it.name.endsWith('.properties') }
def reused = second.readLines().findAll { it =~ /walkspec: reused a kept pass of '[a-z-]+' \([0-9,]+ schedules\) for \w+ handler / }
println "IT 4: ${kept.size()} explorations kept, ${reused.size()} reused"
assert kept.size() >= 3 : "explorations kept by the first run: ${kept}"
assert reused.size() == kept.size() : "every kept exploration reused:\n" + reused.join('\n')
return true
