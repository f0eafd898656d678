package io.netdoctor.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Needs what {@code CaptureLab} runs for real: the node lab plus tcpdump and ping (unshare for the fallback labs). */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@NeedsTools({"root", "sshd", "ssh-keygen", "ip", "nsenter", "nc", "sudo", "pgrep", "tcpdump", "ping", "unshare"})
public @interface CaptureLabTools {
}
