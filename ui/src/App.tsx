import { useEffect, useState } from "react";
import { api } from "./api";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { HomePage } from "./pages/HomePage";
import { EditionPage } from "./pages/EditionPage";
import { AppFooter } from "./components/AppFooter";
import { markEditionOpened } from "./components/board/timings";

type Route = { page: "home" } | { page: "edition"; id: number };

export function App() {
  // null until the database says which edition was open when the window was closed (#18):
  // the window reopens it rather than the list.
  const [route, setRoute] = useState<Route | null>(null);
  useEffect(() => {
    api.openedEdition().then(
      (id) => setRoute(id === null ? { page: "home" } : { page: "edition", id }),
      // A database that cannot be read: the home page says so and offers the backups.
      () => setRoute({ page: "home" }),
    );
  }, []);
  // Where the window is, remembered with the data; a failure to note it changes nothing.
  const go = (next: Route) => {
    setRoute(next);
    api.setOpenedEdition(next.page === "edition" ? next.id : null).catch(() => undefined);
  };
  const goHome = () => go({ page: "home" });

  // Skip links (RGAA 12.7), first in the tab order: on an edition, to its actions, the board and
  // the students without a pair (EditionPage answers the last three, showing the board first).
  const skipLinks = [
    { label: "Contenu", anchor: "#contenu" },
    ...(route?.page === "edition"
      ? [
          { label: "Étapes et actions", anchor: "#aller-actions" },
          { label: "Tableau des binômes", anchor: "#aller-tableau" },
          { label: "Étudiants sans binôme", anchor: "#aller-sans-binome" },
        ]
      : []),
  ];

  return (
    <>
      <SkipLinks links={skipLinks} />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        serviceTitle="Binômes"
        serviceTagline="Vis mon job — les binômes étudiants et ambassadeurs du numérique de l'État"
        homeLinkProps={{
          href: "#",
          title: "Accueil — Binômes",
          onClick: (event) => {
            event.preventDefault();
            goHome();
          },
        }}
      />
      {/* The board needs the whole width of the window. */}
      <main id="contenu" className={route?.page === "edition" ? "fr-container--fluid fr-px-4w fr-py-4w" : "fr-container fr-py-4w"} tabIndex={-1}>
        {route === null ? null : route.page === "home" ? (
          <HomePage
            onOpen={(id) => {
              markEditionOpened();
              go({ page: "edition", id });
            }}
          />
        ) : (
          <EditionPage id={route.id} onBack={goHome} />
        )}
      </main>
      <AppFooter />
    </>
  );
}
