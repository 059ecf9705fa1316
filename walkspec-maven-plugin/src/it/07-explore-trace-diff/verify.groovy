// IT 7: walkspec:explore delegated to the walkspec command line with the arguments built from its
// parameters (command, specs, further arguments; exit code 1 fails the build unless
// failOnFindings is false): the spec resolved in the unpacked spec jar, its directory on the import path.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
assert runs.size() == 3
def specs = new File(basedir, 'target/walkspec-specs/walkspec-spec').canonicalPath

def trace = runs[0]
assert trace.contains("[INFO] walkspec trace -I ${specs} ${specs}/kvm.walk --scenario src/test/scenarios/young.json")
assert trace =~ /\[INFO\] SRCU_LOCK\s+\[INFO\] CALL as=0 slot=1 gfn=\[0,2\) -> true\s+\[INFO\] SRCU_UNLOCK\s+\[INFO\] RESULT ret=true found_memslot=true/
assert trace.contains('BUILD SUCCESS')

def diff = runs[1]
def project = basedir.canonicalPath
assert diff.contains("[INFO] walkspec diff -I ${specs} ${project}/specs/aging-lockless.walk ${project}/specs/aging-locked.walk")
assert diff.contains('[INFO]   clear_young[x86] (age): lockless in A, under the MMU lock (write) in B')
assert diff.contains('[WARNING] walkspec diff exited with code 1 (findings, see above)')
assert diff.contains('BUILD SUCCESS')

def failing = runs[2]
assert failing.contains('[WARNING] walkspec: cannot read src/test/scenarios/missing.json: no such file')
assert failing =~ /Failed to execute goal dev\.walkspec:walkspec-maven-plugin:[^:]+:explore \(default-cli\) on project explore-trace-diff: walkspec trace exited with code 1 \(findings, see above\)/
return true
