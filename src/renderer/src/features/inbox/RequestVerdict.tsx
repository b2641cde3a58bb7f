/**
 * The place for the signature doctor's verdict on the chosen request (issue 12: "each with the doctor's verdict
 * against the webhook chosen for that receiver, or auto-detected"): RequestDetail renders it between the
 * request's facts and its headers. The doctor is not there yet, so it shows nothing and guesses no verdict;
 * when it comes, this takes the request and shows the verdict with "Diagnose".
 */
export function RequestVerdict() {
  return null;
}
