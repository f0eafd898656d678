package io.netdoctor.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class needs these tools (executables on PATH or in /usr/sbin, and {@code "root"}) for a lab it starts in
 * {@code @BeforeAll}. When one is missing, each test is reported skipped with the reason (rather than the class
 * vanishing as "Tests run: 0"); under CI the class fails instead. See {@link NeedsToolsExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(NeedsToolsExtension.class)
public @interface NeedsTools {

  /** Executable names, and "root" for tests that must run as root. */
  String[] value();
}
