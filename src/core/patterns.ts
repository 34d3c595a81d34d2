/** Identifier shapes shared by schemas and logic. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/
export const CODE_PATTERN = /^[A-Z0-9-]{1,16}$/
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/
