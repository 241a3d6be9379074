export function App() {
  return (
    <main>
      <h1>ORS — Online Reporting System</h1>
      <p>Reporting for multilateral environmental agreements.</p>
    </main>
  );
}
