// Every screen of the app in one table. To add one (reports, survey, SKP...): write
// screens/NAME.js exporting `render(view)`, put its GraphQL documents in schema/operations/,
// run scripts/web-operations, and add a row here. `nav` puts it in the main navigation;
// `when(app)` decides whether the signed-in person sees that tab (the server still checks).
export const routes = [
  { path: "/masuk", screen: () => import("./screens/signin.js"), title: "signin.title", public: true },
  // The citizens' survey (from a counter's QR code): public, no sign-in.
  { path: "/survei/:code", screen: () => import("./screens/survey.js"), title: "survey.title", public: true },
  {
    path: "/", screen: () => import("./screens/home.js"), title: "home.title",
    nav: { label: "nav.home", icon: "home" },
  },
  {
    path: "/katalog", screen: () => import("./screens/catalog.js"), title: "catalog.title",
    nav: { label: "nav.catalog", icon: "book" },
  },
  {
    path: "/persetujuan", screen: () => import("./screens/inbox.js"), title: "inbox.title",
    nav: { label: "nav.inbox", icon: "check", badge: "inbox", when: (app) => app.canManage || app.counts.inbox > 0 },
  },
  {
    path: "/tim", screen: () => import("./screens/team.js"), title: "team.title",
    nav: { label: "nav.team", icon: "people", when: (app) => app.canManage },
  },
  {
    path: "/skm", screen: () => import("./screens/skm.js"), title: "skm.title",
    nav: { label: "nav.survey", icon: "chart", when: (app) => app.canSurvey },
  },
  { path: "/skm/cetak/:code", screen: () => import("./screens/skm-print.js"), title: "skmPrint.title" },
  {
    path: "/laporan", screen: () => import("./screens/reports.js"), title: "reports.title",
    nav: { label: "nav.reports", icon: "report", when: (app) => app.canReport },
  },
  { path: "/pegawai/:nip", screen: () => import("./screens/employee.js"), title: "employee.title" },
  // SKP and the development plan: mine, or a subordinate's (their supervisor acts, HR reads).
  { path: "/skp", screen: () => import("./screens/skp.js"), title: "skpPage.title" },
  { path: "/skp/:nip", screen: () => import("./screens/skp.js"), title: "skpPage.title" },
  { path: "/rencana", screen: () => import("./screens/plan.js"), title: "planPage.title" },
  { path: "/rencana/:nip", screen: () => import("./screens/plan.js"), title: "planPage.title" },
  { path: "/notifikasi", screen: () => import("./screens/notifications.js"), title: "notifications.title" },
];

export const notFound = { path: "*", screen: () => import("./screens/notfound.js"), title: "notfound.title" };
