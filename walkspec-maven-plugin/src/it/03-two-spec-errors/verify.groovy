// IT 3: the build failed in validate (walkspec:check) with both errors, each with
// file:line:col and its code, and nothing was generated.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/walkspec/aging.walk:24:13: error: WS310 handler \'aeg\' is not a handler kind')
assert log.contains('[ERROR] src/main/walkspec/aging.walk:36:45: error: WS108 obligation H11 cites unknown rule \'W99\'')
assert log =~ /walkspec-maven-plugin:[^:]+:check \(default\) on project two-spec-errors: walkspec: 1 spec checked: 2 errors, 0 warnings; fix the errors listed above/
assert !log.contains('walkspec-maven-plugin:@project.version@:generate')
assert !log.contains(':generate (default)')
assert !new File(basedir, 'target/generated-sources/walkspec').exists()
return true
