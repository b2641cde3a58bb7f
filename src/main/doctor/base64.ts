/** Strict base64, as the reference libraries read it: the standard alphabet, whole quads, padding only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isStrictBase64 = (text: string) => text !== '' && BASE64.test(text);
