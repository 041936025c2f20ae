package io.quickrpc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * An incoming call as a listener sees it: the method, the sender, the arguments converted to
 * the declared parameter types, and the security information.
 */
public final class IncomingCall {

	private final MethodModel method;

	private final String sender;

	private final @Nullable Object[] arguments;

	private final SecurityInfo securityInfo;

	IncomingCall(MethodModel method, String sender, @Nullable Object[] arguments, SecurityInfo securityInfo) {
		this.method = method;
		this.sender = sender;
		this.arguments = arguments;
		this.securityInfo = securityInfo;
	}

	/**
	 * Returns the name of the called method.
	 * @return the method name
	 */
	public String method() {
		return this.method.name;
	}

	/**
	 * Returns the name of the peer that sent the call.
	 * @return the sender
	 */
	public String sender() {
		return this.sender;
	}

	/**
	 * Returns whether the caller waits for a reply.
	 * @return whether the method has a reply
	 */
	public boolean hasReply() {
		return this.method.hasReply();
	}

	/**
	 * Returns one argument, converted to the parameter's declared type.
	 * @param name the parameter name
	 * @return the value, which may be {@code null}
	 * @throws IllegalArgumentException if the method has no such parameter
	 */
	public @Nullable Object argument(String name) {
		MethodModel.Param param = this.method.param(name);
		if (param == null) {
			throw new IllegalArgumentException("No parameter '" + name + "' in " + this.method.description
					+ "; its parameters are " + this.method.parameterNames());
		}
		return this.arguments[param.index];
	}

	/**
	 * Returns every argument by parameter name, in declaration order.
	 * @return the arguments
	 */
	public Map<String, @Nullable Object> arguments() {
		Map<String, @Nullable Object> named = new LinkedHashMap<>();
		for (MethodModel.Param param : this.method.params) {
			named.put(param.name, this.arguments[param.index]);
		}
		return named;
	}

	/**
	 * Returns what the security provider vouches for about this call.
	 * @return the security information, empty if there is none
	 */
	public SecurityInfo securityInfo() {
		return this.securityInfo;
	}

	@Nullable Object[] rawArguments() {
		return this.arguments;
	}

	MethodModel model() {
		return this.method;
	}

	@Override
	public String toString() {
		return this.method.name + arguments() + " from " + this.sender;
	}

}
