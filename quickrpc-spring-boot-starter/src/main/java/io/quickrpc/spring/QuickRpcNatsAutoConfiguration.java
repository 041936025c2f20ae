package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.quickrpc.transport.nats.NatsOptions;

/**
 * Auto-configuration of the {@code nats:} transport, when {@code quickrpc-nats} is on the class
 * path: {@link NatsOptions} from {@link QuickRpcNatsProperties}, which every endpoint's transport
 * registry gets. An application's {@link Connection} bean is used if there is one, else its
 * {@link Options} bean is what the transport's connections start from.
 */
@AutoConfiguration(before = QuickRpcAutoConfiguration.class)
@ConditionalOnClass(NatsOptions.class)
@EnableConfigurationProperties(QuickRpcNatsProperties.class)
public final class QuickRpcNatsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NatsOptions quickRpcNatsOptions(QuickRpcNatsProperties properties, ObjectProvider<Connection> connection,
			ObjectProvider<Options> options, ObjectProvider<SslBundles> bundles) {
		NatsOptions.Builder builder = NatsOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		Connection applicationConnection = connection.getIfUnique();
		if (applicationConnection != null) {
			builder.connection(applicationConnection);
		}
		else {
			map.from(options.getIfUnique()).to(builder::natsOptions);
		}
		map.from(properties.getServers()).when((servers) -> !servers.isEmpty()).to(builder::servers);
		String user = properties.getUser();
		if (user != null && !user.isEmpty()) {
			String password = properties.getPassword();
			builder.userInfo(user, (password != null) ? password.toCharArray() : new char[0]);
		}
		map.from(properties.getToken()).whenHasText().as(String::toCharArray).to(builder::token);
		map.from(properties.getNkeySeed()).whenHasText().as(String::toCharArray).to(builder::nkeySeed);
		map.from(properties.getCredentials()).to(builder::credentials);
		map.from(properties.getSsl().getBundle()).as((name) -> sslBundle(name, bundles.getIfAvailable()))
			.to(builder::sslContext);
		map.from(properties.getConnectionName()).to(builder::connectionName);
		map.from(properties.getConnectTimeout()).to(builder::connectTimeout);
		if (properties.getMaxReconnects() != null || properties.getReconnectWait() != null) {
			builder.reconnect(orDefault(properties.getMaxReconnects(), NatsOptions.DEFAULT_MAX_RECONNECTS),
					orDefault(properties.getReconnectWait(), NatsOptions.DEFAULT_RECONNECT_WAIT));
		}
		builder.presence(properties.getPresence().getInterval(), properties.getPresence().getTimeout());
		builder.discoveryWait(properties.getDiscoveryWait());
		map.from(properties.getServiceVersion()).to(builder::serviceVersion);
		try {
			return builder.build();
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("quickrpc.nats.* cannot be applied: " + ex.getMessage()
					+ ((applicationConnection != null) ? " (the application's io.nats.client.Connection bean carries "
							+ "its own servers, credentials, TLS and timeouts; remove them from quickrpc.nats)" : ""),
					ex);
		}
	}

	private static javax.net.ssl.SSLContext sslBundle(String name, @Nullable SslBundles bundles) {
		if (bundles == null) {
			throw new IllegalStateException("quickrpc.nats.ssl.bundle is '" + name + "', but there are no SSL bundles; "
					+ "define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name);
		}
		try {
			return bundles.getBundle(name).createSslContext();
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("quickrpc.nats.ssl.bundle names SSL bundle '" + name + "', which does not "
					+ "exist; define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name, ex);
		}
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
