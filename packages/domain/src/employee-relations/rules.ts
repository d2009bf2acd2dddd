/** Rule names carried by rejections. */
export const Rules = {
  intake: 'complaint intake: named or anonymous complainant, at least one allegation',
  lifecycle: 'employee-relations case lifecycle',
  triage: 'a complaint is triaged once, before any investigation',
  conflict: 'Policy GCB: investigator conflict-of-interest disclosure',
  investigation: 'interviews, interim actions and findings happen inside an open investigation',
  findings: 'findings rule on every allegation exactly once',
  discipline: 'discipline rests on substantiated findings against the respondent',
  appeal: 'Policy GCB: appeal of findings by a party',
  closure: 'a case closes only when its route is complete and no appeal is pending',
  reopen: 'a closed case reopens only by an explicit reopen with a reason',
  dates: 'business dates follow the case’s own chronology',
  input: 'command fields must be well-formed',
} as const;
