package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler parameter of type {@code Map<String, String>} that receives the security
 * information of the incoming call (for example the user name). A parameter of type
 * {@link io.quickrpc.security.SecurityInfo} receives it without this annotation. Declaring either is the opt-in:
 * handlers that declare neither never see security information.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SecInfo {

}
