package io.quickrpc.spring;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of quickrpc calls: one per call that a handler ran ({@link #SERVER}) and one
 * per call made ({@link #CLIENT}), both named {@value #NAME}, so that the timer Micrometer makes of
 * them is {@code quickrpc.calls}, tagged by API, method, direction, outcome and error code.
 */
public enum QuickRpcObservationDocumentation implements ObservationDocumentation {

	/**
	 * An incoming call, observed around its handlers, continuing the trace its caller sent.
	 */
	SERVER {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQuickRpcServerObservationConvention.class;
		}

	},

	/**
	 * An outgoing call, observed from its sending to its reply, its trace context sent with it.
	 */
	CLIENT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQuickRpcClientObservationConvention.class;
		}

	};

	/** The name of both observations, and of the timer made of them. */
	public static final String NAME = "quickrpc.calls";

	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return LowCardinalityKeyNames.values();
	}

	@Override
	public KeyName[] getHighCardinalityKeyNames() {
		return HighCardinalityKeyNames.values();
	}

	/**
	 * Keys with few values, which become tags of the timer.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The API's name, as configured under {@code quickrpc.apis}. */
		API {
			@Override
			public String asString() {
				return "api";
			}
		},

		/** The called method: only methods of the API are observed, so peers cannot add values. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** {@code incoming} or {@code outgoing}. */
		DIRECTION {
			@Override
			public String asString() {
				return "direction";
			}
		},

		/** How the call ended: {@code success}, {@code error}, {@code timeout} or {@code failed}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The JSON-RPC error code of the error reply, or {@code none}. */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		}

	}

	/**
	 * Keys with many values, which go to traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The peer: the sender of an incoming call, the receiver of an outgoing one. */
		PEER {
			@Override
			public String asString() {
				return "peer";
			}
		}

	}

}
