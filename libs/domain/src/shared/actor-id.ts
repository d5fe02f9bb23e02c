/**
 * Actor ids, token subjects and correlation ids travel into event metadata, logs and other systems: printable, no
 * spaces, bounded. One rule for all of them, so that whatever a token's subject may be, it is a valid actor id.
 */
export const ACTOR_ID_PATTERN = /^[A-Za-z0-9._:@\-/+=]{1,128}$/;
