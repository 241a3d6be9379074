export function AcceptInvitationPage() {
  return <main id="content" className="page narrow" tabIndex={-1} />;
}
