package io.quickrpc.spring;

/**
 * A remote API has no transport configured, so its endpoint cannot be created.
 */
public class MissingTransportException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String api;

	private final String interfaceName;

	MissingTransportException(String api, String interfaceName) {
		super("No transport is configured for remote API '" + api + "' (" + interfaceName + "); set quickrpc.apis."
				+ api + ".transport");
		this.api = api;
		this.interfaceName = interfaceName;
	}

	/**
	 * Returns the API's name.
	 * @return the name
	 */
	public String getApi() {
		return this.api;
	}

	/**
	 * Returns the API interface's name.
	 * @return the fully qualified interface name
	 */
	public String getInterfaceName() {
		return this.interfaceName;
	}

}
