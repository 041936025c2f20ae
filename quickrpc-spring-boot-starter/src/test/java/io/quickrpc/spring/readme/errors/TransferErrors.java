package io.quickrpc.spring.readme.errors;

import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.ErrorDecoder;

// README "Errors": a typed error for one API without a throws clause
@Configuration(proxyBeanMethods = false)
public class TransferErrors {

	@Bean
	@Qualifier("transfers")
	ErrorDecoder transferErrorDecoder() {
		return (method, error) -> (error.code() == 1002)
				? new AccountFrozenException(String.valueOf(((Map<?, ?>) error.data()).get("account")))
				: null;                                                        // null: the defaults
	}

}
