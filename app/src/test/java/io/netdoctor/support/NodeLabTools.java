package io.netdoctor.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Needs what {@code NodeLab} runs for real: root, sshd and the node-side tools (see {@code RealSystem}). */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@NeedsTools({"root", "sshd", "ssh-keygen", "ip", "nsenter", "nc", "sudo", "pgrep"})
public @interface NodeLabTools {
}
