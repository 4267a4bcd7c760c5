import { useState } from "react";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { HomePage } from "./pages/HomePage";
import { EditionPage } from "./pages/EditionPage";
import { AppFooter } from "./components/AppFooter";
import { markEditionOpened } from "./components/board/timings";

type Route = { page: "home" } | { page: "edition"; id: number };

export function App() {
  const [route, setRoute] = useState<Route>({ page: "home" });
  const goHome = () => setRoute({ page: "home" });

  return (
    <>
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
      <main id="contenu" className={route.page === "edition" ? "fr-container--fluid fr-px-4w fr-py-4w" : "fr-container fr-py-4w"} tabIndex={-1}>
        {route.page === "home" ? (
          <HomePage
            onOpen={(id) => {
              markEditionOpened();
              setRoute({ page: "edition", id });
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
