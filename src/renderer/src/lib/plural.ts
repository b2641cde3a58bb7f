/** "1 webhook", "2 webhooks". */
export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
