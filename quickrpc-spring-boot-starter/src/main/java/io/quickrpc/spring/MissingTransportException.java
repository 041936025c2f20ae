package io.quickrpc.spring;

/**
 * A remote API has no transport configured, so its endpoint cannot be created.
 */
public class MissingTransportException extends QuickRpcStartupException {

	private static final long serialVersionUID = 1L;

	private final String interfaceName;

	MissingTransportException(String api, String interfaceName) {
		super("No transport is configured for remote API '" + api + "' (" + interfaceName + "); set quickrpc.apis."
				+ api + ".transport",
				"Set quickrpc.apis." + api + ".transport, for example to 'tcpserv::8888' (a server) or "
						+ "'tcp:localhost:8888' (a client), or define a Transport bean qualified '" + api + "'.",
				api, RemoteApiRegistrar.endpointBeanName(api), "quickrpc.apis." + api + ".transport", null);
		this.interfaceName = interfaceName;
	}

	/**
	 * Returns the API's name.
	 * @return the name
	 */
	@Override
	public String getApi() {
		return java.util.Objects.requireNonNull(super.getApi());
	}

	/**
	 * Returns the API interface's name.
	 * @return the fully qualified interface name
	 */
	public String getInterfaceName() {
		return this.interfaceName;
	}

}
