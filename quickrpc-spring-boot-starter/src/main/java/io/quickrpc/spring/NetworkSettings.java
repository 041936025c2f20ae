package io.quickrpc.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;

import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.TlsOptions;

/**
 * Turns the {@code network} and {@code ssl} properties of an endpoint into the options of its
 * network transport, taking TLS material from a Spring Boot SSL bundle.
 */
final class NetworkSettings {

	private NetworkSettings() {
	}

	static NetworkOptions of(String name, QuickRpcProperties.Api api, ObjectProvider<SslBundles> bundles) {
		QuickRpcProperties.Network network = api.getNetwork();
		NetworkOptions.Builder options = NetworkOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(network.getMaxFrameSize()).as((size) -> Math.toIntExact(size.toBytes())).to(options::maxFrameSize);
		map.from(network.getMaxConnections()).to(options::maxConnections);
		map.from(network.getMaxQueuedBytes()).as((size) -> Math.toIntExact(size.toBytes())).to(options::maxQueuedBytes);
		map.from(network.getSlowPeerTimeout()).to(options::slowPeerTimeout);
		map.from(network.getFrameTimeout()).to(options::frameTimeout);
		map.from(network.getIdleTimeout()).to(options::idleTimeout);
		String bundleName = api.getSsl().getBundle();
		if (bundleName != null) {
			options.tls(tls(name, api.getSsl(), bundle(name, bundleName, bundles.getIfAvailable())));
		}
		return options.build();
	}

	private static SslBundle bundle(String name, String bundleName, @Nullable SslBundles bundles) {
		if (bundles == null) {
			throw new IllegalStateException("quickrpc.apis." + name + ".ssl.bundle is '" + bundleName
					+ "', but there are no SSL bundles; define it under spring.ssl.bundle.pem." + bundleName
					+ " or spring.ssl.bundle.jks." + bundleName);
		}
		try {
			return bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("quickrpc.apis." + name + ".ssl.bundle names SSL bundle '" + bundleName
					+ "', which does not exist; define it under spring.ssl.bundle.pem." + bundleName
					+ " or spring.ssl.bundle.jks." + bundleName, ex);
		}
	}

	private static TlsOptions tls(String name, QuickRpcProperties.Ssl ssl, SslBundle bundle) {
		String description = "SSL bundle '" + ssl.getBundle() + "'";
		SslManagerBundle managers = bundle.getManagers();
		TlsOptions.Builder tls = TlsOptions.builder()
			.trustManager(managers.getTrustManagerFactory(), description)
			.clientAuthentication(ssl.getClientAuthentication())
			.verifyHostname(ssl.isVerifyHostname());
		if (bundle.getStores().getKeyStore() != null) {
			tls.keyManager(managers.getKeyManagerFactory(), description);
		}
		String[] protocols = bundle.getOptions().getEnabledProtocols();
		if (protocols != null) {
			tls.protocols(List.of(protocols));
		}
		String[] ciphers = bundle.getOptions().getCiphers();
		if (ciphers != null) {
			tls.ciphers(List.of(ciphers));
		}
		return tls.build();
	}

}
