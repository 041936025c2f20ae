package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;

/**
 * A problem the application can fix stops it from starting: what is wrong, naming the API, the
 * bean and the property involved, and what to do about it, which {@link QuickRpcFailureAnalyzer}
 * reports as the failure analysis.
 */
public class QuickRpcStartupException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String api;

	private final @Nullable String beanName;

	private final @Nullable String property;

	private final String action;

	QuickRpcStartupException(String description, String action, @Nullable String api, @Nullable String beanName,
			@Nullable String property, @Nullable Throwable cause) {
		super(description, cause);
		this.api = api;
		this.beanName = beanName;
		this.property = property;
		this.action = action;
	}

	/**
	 * Returns the name of the API involved.
	 * @return the API name, or {@code null} if no one API is involved
	 */
	public @Nullable String getApi() {
		return this.api;
	}

	/**
	 * Returns the name of the bean involved, such as the bean of a handler method.
	 * @return the bean name, or {@code null} if no bean is involved
	 */
	public @Nullable String getBeanName() {
		return this.beanName;
	}

	/**
	 * Returns the configuration property involved.
	 * @return the property name, or {@code null} if no property is involved
	 */
	public @Nullable String getProperty() {
		return this.property;
	}

	/**
	 * Returns what to do about the problem.
	 * @return the action, for the failure analysis
	 */
	public String getAction() {
		return this.action;
	}

}
