/**
 * Payload key of the committed replay fixtures ONLY (spec "keyId:base64(32 bytes)"; the bytes are the ASCII text
 * "petitions-replay-fixture-key!!!!"). It is public on purpose: it protects no real data, since the fixtures hold
 * only invented test cases ('测试人甲'). Never configure it in PAYLOAD_KEYS of a real deployment.
 */
export const FIXTURE_PAYLOAD_KEY = 'replay-fixture:cGV0aXRpb25zLXJlcGxheS1maXh0dXJlLWtleSEhISE=';
