/** A CSS module (`Component.module.css`): its class names, scoped to the file, by their local names. */
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
