package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a remote method that names the other side, and is not sent on the
 * wire. On an incoming call it receives the sender; on an outgoing call it names the receivers,
 * where {@code null} means every connected peer. Its type is {@code String} or a
 * {@code Collection<String>} ({@code List}, {@code Set}). At most one parameter of a method may
 * carry it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Peer {

}
