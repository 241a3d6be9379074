export function ResetPasswordPage() {
  return <main id="content" className="page narrow" tabIndex={-1} />;
}
