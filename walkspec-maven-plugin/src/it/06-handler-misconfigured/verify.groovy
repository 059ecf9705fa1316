// IT 6: each misconfiguration failed the build in generate-test-sources, after the main classes
// compiled, with one sentence saying what to fix, and no suite was generated.
def log = new File(basedir, 'build.log').text
def missing = 'handler class com.example.kvm.X86AgeHandlr (handlerClasses age) does not exist on the project\'s compile class path; fix the name or add the class to src/main/java'
def wrongKind = 'handler class com.example.kvm.X86TestAgeHandler is configured for handler kind age but does not implement dev.walkspec.runtime.api.AgeHandler (it implements TestAgeHandler); implement AgeHandler or configure the class for the kind it handles'
assert log =~ /(?m)^\[ERROR\] Failed to execute goal dev\.walkspec:walkspec-maven-plugin:[^:]+:generate-tests \(default\) on project handler-misconfigured: \Q${missing}\E -> \[Help 1\]$/
assert log =~ /(?m)^\[ERROR\] Failed to execute goal dev\.walkspec:walkspec-maven-plugin:[^:]+:generate-tests \(default\) on project handler-misconfigured: \Q${wrongKind}\E -> \[Help 1\]$/
assert !new File(basedir, 'target/generated-test-sources/walkspec').exists()
return true
