/// The demo's repertoire of conversations for a coffee roaster with cafés and an online shop.
enum DemoStories {
    typealias X = DemoStory.Exchange
    typealias O = DemoStory.Opening

    static let all: [DemoStory] = [lateDelivery, grinder, subscriptionPause, wrongBeans, wholesale, cafeFeedback,
                                   refund, eventPrint, allergy, loyalty, giftCards, subscriptionDetails, website,
                                   brewingAdvice, officeMachine, orderChange, damagedParcel, cupping]

    /// How often each story comes up, in the order of `all`.
    static let weights = [14, 7, 9, 7, 4, 8, 8, 3, 4, 6, 5, 7, 5, 5, 2, 6, 5, 4]

    static let lateDelivery = DemoStory(
        tags: ["delivery"], channels: [.email, .web, .chat, .email], priorityWeights: [5, 60, 30, 5],
        owners: ["mei", "sam"],
        openings: [
            O(subjects: ["Where is my order?", "Still waiting for my beans"],
              body: "Hi, I ordered {coffee} last Tuesday and it still hasn't turned up. The tracking page just says \"in transit\". Can you check what's going on?"),
            O(subjects: ["Order hasn't arrived", "Subscription delivery missing"],
              body: "Hello — my usual ({order}) was due yesterday and nothing has arrived. I'm down to my last scoop! Could someone look into it please?"),
            O(subjects: ["Delivery late again", "late AGAIN"],
              body: "hi, order still not here. tracking hasn't moved since saturday. bit frustrating as this is the second time"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nSorry about this. I've looked up the parcel: the courier scanned it at their Enfield depot on Saturday and it hasn't moved since. I've opened an enquiry with them and asked for it to go out on today's van.\n\n{agent}",
              customer: "Thanks {agent}. Will it definitely come today? I'm out from 2pm."),
            X(agent: "Hi {name}, the courier says it's on the morning round, so it should be with you before 2pm. If it isn't, tell me and I'll send a fresh bag first class at our cost.\n\n{agent}",
              customer: "Still nothing I'm afraid. The driver's app says \"attempted delivery\" but nobody knocked."),
            X(agent: "That's really annoying, {name} — I'm sorry. I've sent a replacement by Royal Mail Tracked 24 this afternoon, and I've reported the driver's scan to the courier.\n\n{agent}",
              customer: "OK thank you. Let me know if the original turns up on your side."),
        ],
        resolutions: [
            "Hi {name},\n\nGood news: the tracking shows your parcel was delivered this morning. I've added a £5 credit to your account for the wait. Enjoy the coffee!\n\n{agent}",
            "Hi {name}, the replacement was delivered at 10:42 today. The original has come back to us, so there's nothing for you to do. Thanks for your patience.\n\n{agent}",
        ],
        waiting: ["Hi {name}, could you confirm the delivery address on the order? The courier says the house number doesn't match their records. Once I hear back I'll rebook it.\n\n{agent}"],
        holding: ["Hi {name}, the courier has opened an investigation (reference NW-CR-4471). They usually answer within two working days; I'll update you the moment they do.\n\n{agent}"],
        holdNotes: ["Courier investigation open, ref NW-CR-4471. Chase Thursday if no answer.", "Waiting on DPD claims team — they promised an answer within 48h."],
        notes: ["Tracking stuck at Enfield depot since Saturday. Third late parcel in that postcode this month.",
                "Checked: label printed on time, collected on time. Courier problem, not ours."],
        promises: ["Send a replacement bag first class if the parcel isn't delivered today",
                   "Update the customer once the courier answers the enquiry"])

    static let grinder = DemoStory(
        tags: ["grinder", "equipment"], channels: [.email, .phone, .web], priorityWeights: [10, 55, 30, 5],
        owners: ["ollie"],
        openings: [
            O(subjects: ["Grinder stopped working", "Grinder won't grind"],
              body: "Hello, the Baratza grinder I bought from you in the spring has stopped working. The motor hums but nothing comes out. It's still under warranty I think?"),
            O(subjects: ["Burrs grinding unevenly", "Uneven grind from my grinder"],
              body: "Hi there, my grinder has started producing really uneven grounds — some powder, some boulders. My espresso is all over the place. Any ideas before I throw it out of the window?"),
            O(subjects: ["Grinder making a clicking noise", "Clicking noise from grinder"],
              body: "Good morning. The grinder makes a loud clicking noise every few seconds while grinding. I've emptied the hopper and it still does it."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nSorry to hear that. Before anything else, could you unplug it, take out the upper burr (twist and lift) and check for a stone or a stuck bean? It happens more often than you'd think.\n\n{agent}",
              customer: "Done that — there was a bit of a chunk wedged in there but it's still not right. Photo of the burr attached."),
            X(agent: "Thanks {name}, that's helpful. The photo shows a chipped tooth on the lower burr, which explains it. That's covered by the warranty.\n\n{agent}",
              customer: "Great. Do I need to send the whole grinder back?"),
            X(agent: "No need — I can post a replacement burr set and the little tool to fit it. It takes five minutes. Would you rather I sent it, or bring it to the Clerkenwell café and we fit it there?\n\n{agent}",
              customer: "Posting is easiest, thank you. Same address as my orders."),
            X(agent: "Lovely. The burr set went out today by tracked post. There's a fitting guide in the box, and I'm here if it's fiddly.\n\n{agent}",
              customer: "Arrived! Fitted it but now the grind is much coarser than before even on the finest setting."),
            X(agent: "That's normal after new burrs — they need recalibrating. Turn the dial to the finest setting, then loosen the small screw under the hopper and turn the inner ring clockwise until the burrs just touch. Back it off two clicks and tighten.\n\n{agent}",
              customer: "That did it. Espresso is pouring in 28 seconds again. You're a star."),
        ],
        resolutions: [
            "Brilliant, {name} — glad it's grinding properly again. I've noted the burr replacement on your warranty record. Happy brewing!\n\n{agent}",
            "Hi {name}, the repaired grinder left the workshop this morning and should be with you tomorrow. We replaced the motor brush and cleaned it out; no charge under the warranty.\n\n{agent}",
        ],
        waiting: ["Hi {name}, could you send a short video of the noise, and the serial number from the sticker underneath? Then I can tell whether it's the burrs or the motor.\n\n{agent}"],
        holding: ["Hi {name}, we've ordered the part from Baratza's UK distributor. They quote 5–7 working days; I'll let you know as soon as it lands.\n\n{agent}"],
        holdNotes: ["Burr set on back-order from the distributor (PO 8812).", "Grinder in the workshop queue behind two café machines."],
        notes: ["Bought 14 months ago — 2-year warranty, covered.", "Same fault as last batch of Encores: chipped lower burr."],
        promises: ["Post a replacement burr set", "Call back with the workshop's diagnosis"])

    static let subscriptionPause = DemoStory(
        tags: ["subscription"], channels: [.email, .web, .chat], priorityWeights: [30, 60, 10, 0],
        owners: ["sam"],
        openings: [
            O(subjects: ["Pause my subscription", "Going away — hold subscription", "Can I pause for three weeks?"],
              body: "Hi! I'm away for three weeks from the 12th. Could you pause my subscription ({order}) until I'm back?"),
            O(subjects: ["Skip next delivery please"],
              body: "Please skip my next delivery — I've still got a whole bag left. Thanks!"),
            O(subjects: ["Moving house — hold subscription"],
              body: "Hello, we're moving house at the end of the month. Can the subscription go on hold until we have the new address sorted?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nOf course — done. It's paused, and you won't be charged while it is. The next bag goes out on the date you gave me, or as soon as you tell me to restart.\n\n{agent}",
              customer: "Perfect, thank you. Can I also switch to the decaf for the first delivery back?"),
            X(agent: "Done — the first one back will be Night Owl decaf, then it goes back to your usual. Anything else?\n\n{agent}",
              customer: "That's everything. Thanks {agent}!"),
        ],
        resolutions: [
            "Hi {name}, all set: your subscription is paused and will restart automatically. You'll get an email a few days before the next one ships.\n\n{agent}",
            "Done, {name}. Next delivery skipped; the one after goes out as normal. Enjoy the break!\n\n{agent}",
        ],
        waiting: ["Hi {name}, happy to. Do you know the date you'd like it to restart, or shall I leave it paused until you tell me?\n\n{agent}"],
        holding: ["Hi {name}, I've paused it for now. Let me know the new address when you have it and I'll restart it from there.\n\n{agent}"],
        holdNotes: ["Paused until the customer sends the new address."],
        notes: ["Subscriber since launch. Pauses every summer.", "Check the gift-subscription payer before changing the plan."],
        promises: ["Restart the subscription on the agreed date"])

    static let wrongBeans = DemoStory(
        tags: ["delivery", "wrong-item"], channels: [.email, .web, .chat], priorityWeights: [5, 60, 35, 0],
        owners: ["mei", "sam"],
        openings: [
            O(subjects: ["Received ground instead of whole bean", "Wrong grind in my order"],
              body: "Hi, I ordered whole bean {coffee} but received it ground for filter. I use an espresso machine so it's no good to me sadly."),
            O(subjects: ["Wrong beans in my order", "This isn't what I ordered"],
              body: "My order arrived this morning but it's the wrong coffee — I got Sumatra and I ordered {coffee}. Could you swap it?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nApologies — that's a packing mistake on our side. I'll send the right bag out today. Please keep the other one, or pass it to a filter-drinking friend!\n\n{agent}",
              customer: "That's kind, thank you. Will it be here by the weekend?"),
            X(agent: "It's going out on the 4pm collection, so Friday at the latest.\n\n{agent}",
              customer: "Lovely, thanks."),
        ],
        resolutions: ["Hi {name}, the correct bag was delivered this morning. Sorry again for the mix-up.\n\n{agent}",
                      "Hi {name}, tracking shows the replacement arrived. I've also let the packing team know so it doesn't happen again.\n\n{agent}"],
        waiting: ["Hi {name}, so I can fix this properly, could you send a photo of the label on the bag? It has a batch code on the back.\n\n{agent}"],
        holding: ["Hi {name}, we're out of {coffee} until the next roast on Thursday. I've reserved a bag for you from that batch.\n\n{agent}"],
        holdNotes: ["Waiting for Thursday's roast to send the replacement."],
        notes: ["Packing error — label printer swapped two orders. Told the warehouse.", "Batch 24-117, packed Tuesday afternoon."],
        promises: ["Send the correct bag by tomorrow's post"])

    static let wholesale = DemoStory(
        tags: ["wholesale", "sales"], channels: [.email, .web, .phone], priorityWeights: [10, 50, 40, 0],
        owners: ["tomas"],
        openings: [
            O(subjects: ["Supplying beans for our office", "Wholesale account enquiry"],
              body: "Hello, I manage the office{atOrg} and we're looking for a regular coffee supplier for about 30 people. Do you do wholesale, and what would pricing look like?"),
            O(subjects: ["Café wholesale pricing", "Beans for our new bakery"],
              body: "Hi, we're opening a small bakery in Walthamstow in the spring and would love to serve your coffee. Could you tell me about wholesale terms and whether you help with equipment and training?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThanks for getting in touch — we'd love to. Wholesale starts at 6 kg a month; price depends on the coffees and volume. Could you tell me roughly how many cups a day, and whether you use espresso, filter or both?\n\n{agent}",
              customer: "About 120 cups a day, mostly flat whites and americanos. We have a two-group machine already."),
            X(agent: "That's around 12 kg a month. For House Espresso at that volume it's £19.50/kg, delivered weekly. I've attached our price list and a sample box form.\n\n{agent}",
              customer: "That looks reasonable. Could we try a couple of espresso options before committing?"),
            X(agent: "Absolutely. I'll send 1 kg each of House Espresso and Brazil Cerrado this week. Try them with milk — that's where the difference shows.\n\n{agent}",
              customer: "The samples arrived, thanks. The team preferred the House Espresso by a mile. What are the payment terms?"),
            X(agent: "Great choice. Terms are 30 days on invoice after the first two orders (those are paid upfront). We also include a free barista training session for up to four staff.\n\n{agent}",
              customer: "Training would be brilliant. Could it be a Monday afternoon? We're quieter then."),
            X(agent: "Monday afternoons work for us. I've pencilled in a session with our head trainer for the first Monday of next month, 2–4pm, at your place.\n\n{agent}",
              customer: "Perfect. Please go ahead and set up the account — details attached."),
        ],
        resolutions: [
            "Hi {name},\n\nYour wholesale account is set up and the first 12 kg goes out on Tuesday. Invoices will go to the accounts address you gave. Welcome aboard!\n\n{agent}",
            "Hi {name}, the account is live and the training is booked. Your first delivery is scheduled for Monday morning. Looking forward to working with you.\n\n{agent}",
        ],
        waiting: ["Hi {name}, I've sent over the wholesale agreement. Could you sign and return it along with your company details? Then I can get the first delivery scheduled.\n\n{agent}"],
        holding: ["Hi {name}, our head roaster is recalculating prices for next quarter; I'll send you a firm quote as soon as that's done (end of next week).\n\n{agent}"],
        holdNotes: ["Waiting for Q3 price list from the roastery before quoting.", "Credit check requested — usually takes 3 days."],
        notes: ["Potential ~12 kg/month account. Worth a visit.", "They currently buy from a supermarket brand; price-sensitive."],
        promises: ["Send sample boxes of House Espresso and Brazil Cerrado", "Send a firm wholesale quote"])

    static let cafeFeedback = DemoStory(
        tags: ["cafe", "feedback"], channels: [.walkIn, .web, .email, .walkIn], priorityWeights: [40, 55, 5, 0],
        owners: ["jo"],
        openings: [
            O(subjects: ["Lovely service at {cafe}", "Thank you to the {cafe} team"],
              body: "Just wanted to say the team at {cafe} were brilliant this morning. Remembered my {order} without me asking. Made my day!"),
            O(subjects: ["Long queue at {cafe} this morning", "Feedback on the {cafe} café"],
              body: "I waited almost 20 minutes for a flat white at {cafe} today. Only one barista on and the queue was out the door. Not a complaint about the staff, they were lovely, but something needs to change."),
            O(subjects: ["Music too loud at {cafe}"],
              body: "The music at {cafe} has got very loud in the afternoons. I come in to read and it's hard to concentrate. Could it be turned down a bit?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThanks so much for letting us know. I've passed this on to the {cafe} team.\n\n{agent}",
              customer: "Thank you. Hope it helps!"),
        ],
        resolutions: [
            "Hi {name}, I've shared this with the {cafe} manager and the team. Thanks for taking the time to write — your next drink is on us.\n\n{agent}",
            "Thanks again, {name}. I've passed it all on to the {cafe} team.\n\n{agent}",
        ],
        waiting: ["Hi {name}, sorry about that. Could you tell me roughly what time you were in? I'd like to check the rota with the manager.\n\n{agent}"],
        holding: ["Hi {name}, I've raised this with the {cafe} manager; she's back from leave on Monday and will look at it then.\n\n{agent}"],
        holdNotes: ["Manager on leave until Monday."],
        notes: ["Passed to the café manager on the team chat.", "Third comment this month about weekday morning queues."],
        promises: [])

    static let refund = DemoStory(
        tags: ["refund", "billing"], channels: [.email, .phone, .web], priorityWeights: [0, 40, 50, 10],
        owners: ["priya", "sam", "mei"],
        openings: [
            O(subjects: ["Charged twice", "Double payment on my card"],
              body: "Hello, I've been charged twice for the same order. Both payments are showing on my statement. Please refund one of them."),
            O(subjects: ["Refund not received", "Where is my refund?"],
              body: "You agreed to refund my cancelled order two weeks ago but the money still hasn't appeared. What's happening?"),
            O(subjects: ["Cancelled order still charged"],
              body: "Hi, I cancelled my order within an hour of placing it and got a confirmation, but I've still been charged."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nSorry about this. I've checked the payments dashboard and you're right — you're owed that money. I've issued the refund now; it usually takes 3–5 working days to show.\n\n{agent}",
              customer: "Thanks. Can you send me something in writing for my records?"),
            X(agent: "Of course — I've emailed the refund confirmation with the reference number. Let me know if it isn't in your account by Friday.\n\n{agent}",
              customer: "It's Friday and still nothing in my account."),
            X(agent: "I've checked with the payment provider: the refund left us on Tuesday. Some banks hold them for a couple of extra days. If it isn't there on Monday I'll chase it myself.\n\n{agent}",
              customer: "It's arrived this morning. Thanks for following up."),
        ],
        resolutions: ["Hi {name}, the refund is confirmed on our side (ref RF-20931). Thanks for bearing with us.\n\n{agent}",
                      "Hi {name}, glad it's arrived. Sorry for the hassle — I've added a little something to your next order.\n\n{agent}"],
        waiting: ["Hi {name}, could you send me the last four digits of the card and the dates of both charges? Then I can match them up.\n\n{agent}"],
        holding: ["Hi {name}, I've escalated this to our payment provider. They've promised an answer within two working days.\n\n{agent}"],
        holdNotes: ["Raised with Stripe support, case 4471-221.", "Finance to confirm the refund batch on Thursday."],
        notes: ["Duplicate charge confirmed in the payments dashboard.", "Customer upset — please handle personally."],
        promises: ["Confirm the refund has been processed", "Chase the bank if the refund isn't in by Monday"])

    static let eventPrint = DemoStory(
        tags: ["events", "print"], channels: [.email, .phone], priorityWeights: [5, 60, 35, 0],
        owners: ["tomas"],
        openings: [
            O(subjects: ["Brochures for our coffee tasting evening", "Printed menus for our event"],
              body: "Hi, we're holding a coffee tasting evening{atOrg} next month and would love printed brochures describing the coffees. Is that something you can do?"),
            O(subjects: ["Coffee cart for our wedding", "Menu cards for our wedding"],
              body: "Hello! We're getting married in June and would love a Northwind coffee cart. Do you do events, and could you print little menu cards with our names on?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nHow lovely — yes, we do. We'd suggest three coffees, and I'll draft the printed cards with tasting notes. What date and time is it, and roughly how many guests?\n\n{agent}",
              customer: "Saturday the 14th, 6pm to 10pm, about 60 people. Could the cards include our logo?"),
            X(agent: "Yes, send over the logo as a PDF or a large PNG. Our printers need the final artwork ten days before the date.\n\n{agent}",
              customer: "Logo attached. Can we do A5, folded, on recycled paper?"),
            X(agent: "A5 folded on recycled card works. First proof attached — have a look at the wording on page 2.\n\n{agent}",
              customer: "Looks great! One thing: the Kenya is spelt \"Keyna\" on page 3."),
            X(agent: "Good spot, sorry! Corrected proof attached. If you're happy with it, reply \"approved\" and it goes to print.\n\n{agent}",
              customer: "Approved. How many are you printing?"),
            X(agent: "75, so there are spares. They'll come with the coffees on the day. The cart arrives at 5pm to set up.\n\n{agent}",
              customer: "Fantastic, thank you for all your help with this."),
        ],
        resolutions: ["Hi {name}, everything is confirmed: printing is done and the cart is booked. Have a wonderful evening!\n\n{agent}",
                      "Hi {name}, thanks for having us — the team loved it. The invoice is attached; no rush on payment.\n\n{agent}"],
        waiting: ["Hi {name}, here is the quote for the cart and the printing. If it looks right, reply to confirm and I'll book the date.\n\n{agent}"],
        holding: ["Hi {name}, the proofs are with our printer. They're quoting Wednesday for the final run.\n\n{agent}"],
        holdNotes: ["Artwork with Fenwick Printing; proof due Wednesday."],
        notes: ["Event on a Saturday: check the cart is free and book two baristas.", "Invoice 50% upfront for events over £500."],
        promises: ["Send the first brochure proof", "Confirm the cart booking for the event date"])

    static let allergy = DemoStory(
        tags: ["allergy", "cafe"], channels: [.email, .chat, .walkIn, .phone], priorityWeights: [0, 45, 50, 5],
        owners: ["jo"],
        openings: [
            O(subjects: ["Allergy question: nuts in the café", "Tree nut allergy — is it safe?"],
              body: "Hello, my son has a severe tree nut allergy. Do you use the same steam wand for almond milk as for dairy milk? We'd love to come in but need to be sure."),
            O(subjects: ["Is the oat milk gluten free?", "Coeliac question"],
              body: "Hi — is the oat milk you use certified gluten free? I'm coeliac and had a reaction after visiting {cafe} last week (not saying it was you, just checking)."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThank you for asking rather than guessing. We keep separate jugs and a separate steam wand for nut and oat milks. Our pastries, though, are baked in a kitchen that handles nuts and gluten, so we can't promise those are free from either.\n\n{agent}",
              customer: "That's really helpful, thank you. Is there an allergen sheet I can look at?"),
        ],
        resolutions: ["Hi {name}, I've attached our full allergen sheet, updated this month. The baristas can show it to you in any café too.\n\n{agent}",
                      "Hi {name}, our oat milk supplier confirms it's certified gluten free (certificate attached). I've also reminded {cafe} about the separate jugs.\n\n{agent}"],
        waiting: ["Hi {name}, I'm checking with our bakery supplier. Could you tell me which pastry it was so I can ask about that exact recipe?\n\n{agent}"],
        holding: ["Hi {name}, I've asked our oat milk supplier for their certificate; they usually reply within a couple of days.\n\n{agent}"],
        holdNotes: ["Waiting on the supplier's allergen certificate."],
        notes: ["Severe allergy — make sure the café team sees this.", "Allergen sheet updated 1st of the month."],
        promises: ["Send the supplier's allergen certificate"])

    static let loyalty = DemoStory(
        tags: ["loyalty"], channels: [.walkIn, .chat, .email, .web], priorityWeights: [45, 50, 5, 0],
        owners: ["jo", "sam"],
        openings: [
            O(subjects: ["Lost my loyalty card", "Card went through the wash"],
              body: "Hiya, I had 8 stamps on my card and it went through the wash 🙈 Is there any way to get them back?"),
            O(subjects: ["App not showing my points", "Loyalty stamps missing"],
              body: "The app hasn't added my points for the last three visits to {cafe}. I always scan the code."),
            O(subjects: ["Free coffee not applied"],
              body: "I was due a free coffee yesterday but the till said my card was empty."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nNo problem at all — I can see your last visits in the app. I've topped your card back up.\n\n{agent}",
              customer: "Amazing, thank you!"),
        ],
        resolutions: ["Hi {name}, all sorted: your points are back and your next coffee is on us.\n\n{agent}",
                      "Hi {name}, I've set up a new digital card with your 8 stamps. Show the QR code at the till.\n\n{agent}"],
        waiting: ["Hi {name}, could you send a screenshot of the app's history page? That'll help me find the missing visits.\n\n{agent}"],
        holding: ["Hi {name}, the loyalty app provider is fixing a sync bug; your points will appear once their fix is out.\n\n{agent}"],
        holdNotes: ["Known sync bug in the loyalty app — vendor ticket open."],
        notes: ["Verified visits against till receipts.", "Goodwill: added one free drink."],
        promises: [])

    static let giftCards = DemoStory(
        tags: ["gift-card"], channels: [.email, .web, .walkIn, .phone], priorityWeights: [20, 60, 20, 0],
        owners: ["sam", "jo"],
        openings: [
            O(subjects: ["Buying gift cards for our staff", "Bulk gift card order"],
              body: "Hello, I'd like to buy 20 gift cards (£25 each) for our staff{atOrg} for Christmas. Can you invoice us?"),
            O(subjects: ["Gift card not working", "Gift card declined"],
              body: "My gift card was declined at {cafe} even though it should have £30 on it. The code is on the back of the card."),
            O(subjects: ["Gift card expired?", "Old gift card — still valid?"],
              body: "Hi, I found a gift card from two years ago. Is it still valid?"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThanks for getting in touch — happy to help. I've set that up on our side; you'll get a confirmation email in a moment.\n\n{agent}",
              customer: "Great, thanks!"),
        ],
        resolutions: ["Hi {name}, the gift cards are ready; they'll be posted today with the invoice. Thanks for choosing us!\n\n{agent}",
                      "Hi {name}, your gift card is active and has its full balance. Enjoy!\n\n{agent}"],
        waiting: ["Hi {name}, could you send a photo of the back of the card? I need the 16-digit number to look it up.\n\n{agent}"],
        holding: ["Hi {name}, our gift card supplier is printing the batch; they'll be ready early next week.\n\n{agent}"],
        holdNotes: ["Bulk gift card order with the printer."],
        notes: ["Bulk order: 10% corporate discount applies over 15 cards.", "Card sold at {cafe} but never activated."],
        promises: ["Post the gift cards with the invoice"])

    static let subscriptionDetails = DemoStory(
        tags: ["subscription"], channels: [.email, .web, .chat], priorityWeights: [30, 60, 10, 0],
        owners: ["sam", "mei"],
        openings: [
            O(subjects: ["Change card for my subscription", "Card expiring — update payment"],
              body: "Hi, my card expires this month. How do I update it for the subscription?"),
            O(subjects: ["Update delivery address", "We've moved!"],
              body: "We've moved! Please send the subscription to our new address from now on (details in my account)."),
            O(subjects: ["Switch my subscription to decaf"],
              body: "Could I switch my subscription ({order}) to decaf for a while? Doctor's orders."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThanks for letting me know. You can change this yourself under Account → Subscription, but I've gone ahead and updated it for you.\n\n{agent}",
              customer: "Brilliant, thank you!"),
        ],
        resolutions: ["Hi {name}, all updated. Your next delivery goes out on the usual day.\n\n{agent}",
                      "Hi {name}, done — decaf from the next delivery. Just say when you'd like to switch back.\n\n{agent}"],
        waiting: ["Hi {name}, I can't see the new address in your account yet. Could you reply with it here?\n\n{agent}"],
        holding: ["Hi {name}, the payment provider is migrating card details this week; I'll confirm once yours is moved.\n\n{agent}"],
        holdNotes: ["Payment provider migration this week."],
        notes: ["Address change — check the next label is right.", "Subscription paid by a gift voucher, check balance."],
        promises: [])

    static let website = DemoStory(
        tags: ["website"], channels: [.email, .chat, .web], priorityWeights: [15, 55, 25, 5],
        owners: ["mei", "sam"],
        openings: [
            O(subjects: ["Password reset email never arrives", "Can't log in to my account"],
              body: "Hi, I've tried to reset my password three times and the email never arrives. Checked spam too."),
            O(subjects: ["Checkout keeps failing"],
              body: "The checkout page spins forever after I press Pay. I've tried two browsers."),
            O(subjects: ["Discount code not working"],
              body: "The code FRIENDS10 from your newsletter says it's invalid."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nSorry about this. I've passed the details to our web team, and in the meantime I've sent you a direct link that should get you through. It's valid for an hour.\n\n{agent}",
              customer: "That worked, thanks."),
        ],
        resolutions: ["Hi {name}, our web team fixed the checkout issue this morning. Your basket is still saved.\n\n{agent}",
                      "Hi {name}, I've applied the discount to your order manually. Thanks for flagging it!\n\n{agent}"],
        waiting: ["Hi {name}, could you tell me which browser and device you're using, and roughly what time it failed?\n\n{agent}"],
        holding: ["Hi {name}, the web team is investigating the checkout fault; I'll let you know when it's fixed.\n\n{agent}"],
        holdNotes: ["Web team investigating payment page timeouts."],
        notes: ["Reset emails bouncing for this domain. Told the web team.", "Discount code expired early by mistake."],
        promises: [])

    static let brewingAdvice = DemoStory(
        tags: ["advice"], channels: [.email, .chat, .walkIn], priorityWeights: [60, 40, 0, 0],
        owners: ["jo", "ollie", "sam"],
        openings: [
            O(subjects: ["Which beans for a moka pot?", "Moka pot recommendations"],
              body: "I've just got a moka pot. Which of your coffees would you recommend, and how fine should I grind?"),
            O(subjects: ["Coffee tastes sour", "Grind size for V60"],
              body: "My V60 brews taste really sour lately. I'm using {coffee}. Help!"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nGreat question! Start a little finer than you think, use water just off the boil (about 94°C), and aim for a 3-minute brew. Sour means go finer; bitter means go coarser.\n\n{agent}",
              customer: "Finer grind made a big difference. Should I change the ratio too?"),
            X(agent: "Try 15 g of coffee to 250 g of water. Keep everything else the same and adjust one thing at a time.\n\n{agent}",
              customer: "Nailed it. Thanks for the tips!"),
        ],
        resolutions: ["Glad it's tasting better, {name}! For a moka pot I'd try Brazil Cerrado, ground a bit coarser than espresso.\n\n{agent}",
                      "Happy brewing, {name}. Come by the Saturday cupping at Clerkenwell if you'd like to taste a few side by side.\n\n{agent}"],
        waiting: ["Hi {name}, what grinder are you using, and what setting? Then I can suggest a starting point.\n\n{agent}"],
        holding: ["Hi {name}, our head roaster is away until Monday; I've asked her to write up her moka pot recipe for you.\n\n{agent}"],
        holdNotes: ["Waiting on the head roaster's recipe."],
        notes: ["Nice customer, keen home brewer — mention the cupping classes."],
        promises: [])

    static let officeMachine = DemoStory(
        tags: ["equipment", "office", "wholesale"], channels: [.phone, .email], priorityWeights: [0, 10, 40, 50],
        owners: ["ollie", "tomas"],
        openings: [
            O(subjects: ["Espresso machine at our office is leaking", "Office machine leaking"],
              body: "The espresso machine you installed{atOrg} is leaking water all over the counter. We've turned it off. Can someone come today?"),
            O(subjects: ["URGENT: machine error E4", "Office machine won't heat up"],
              body: "Our office machine shows error E4 and won't heat. We have a client event at 3pm!"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThanks for turning it off — that's exactly right. An engineer can be with you between 1 and 2pm today.\n\n{agent}",
              customer: "Thank you, someone will be at reception."),
            X(agent: "The engineer's on his way; he's bringing a spare pressure valve just in case.\n\n{agent}",
              customer: "He's here now, thanks for the quick response."),
        ],
        resolutions: ["Hi {name}, the engineer replaced a worn part and the machine's back in service. No charge under the service plan.\n\n{agent}",
                      "Hi {name}, all fixed and tested. Sorry for the disruption.\n\n{agent}"],
        waiting: ["Hi {name}, could you send a photo of the error screen and the model number on the side plate?\n\n{agent}"],
        holding: ["Hi {name}, the replacement part is on order from Italy; we've put a loan machine in the meantime.\n\n{agent}"],
        holdNotes: ["Part on order from La Marzocco UK, ETA Friday. Loan machine delivered."],
        notes: ["Service plan customer — 4-hour response.", "Same machine leaked in March. Consider replacing."],
        promises: ["Get an engineer to the office today", "Call back with the engineer's arrival time"])

    static let orderChange = DemoStory(
        tags: ["orders"], channels: [.email, .chat, .phone, .web], priorityWeights: [5, 45, 45, 5],
        owners: ["mei", "sam"],
        openings: [
            O(subjects: ["Change my order before it ships", "Wrong grind on my order"],
              body: "Hi, I just placed an order but chose the wrong grind. Could you change it to espresso before it goes out?"),
            O(subjects: ["Add a bag to today's order"],
              body: "Can you add a 250 g bag of {coffee} to the order I placed this morning? Happy to pay the difference."),
            O(subjects: ["Wrong address on my order", "Stop my order — old address!"],
              body: "I've just realised the order is going to my old address! Please stop it!"),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nCaught it just in time — it hadn't been packed yet. I've made the change.\n\n{agent}",
              customer: "Phew, thank you!"),
        ],
        resolutions: ["Hi {name}, all changed and on its way. Tracking link to follow.\n\n{agent}",
                      "Hi {name}, done. I've sent a payment link for the extra bag — it ships together with the rest.\n\n{agent}"],
        waiting: ["Hi {name}, which address should it go to instead? I've put the order on hold until I hear from you.\n\n{agent}"],
        holding: ["Hi {name}, the parcel had already left; I've asked the courier to redirect it.\n\n{agent}"],
        holdNotes: ["Courier redirect requested."],
        notes: ["Order already at packing — caught it at the bench."],
        promises: ["Confirm the courier has redirected the parcel"])

    static let damagedParcel = DemoStory(
        tags: ["delivery", "damaged", "refund"], channels: [.email, .web], priorityWeights: [5, 55, 40, 0],
        owners: ["mei", "sam"],
        openings: [
            O(subjects: ["Parcel arrived damaged", "Bag split in transit"],
              body: "The box arrived crushed and one of the bags has split — coffee everywhere. Photos attached."),
            O(subjects: ["Broken mug in my order"],
              body: "The mug in my gift set arrived in three pieces. Such a shame, it was a present."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nOh no, sorry! Thanks for the photos. I'm sending a replacement today — no need to return anything.\n\n{agent}",
              customer: "Thank you, that's very kind."),
        ],
        resolutions: ["Hi {name}, the replacement was delivered this morning. Sorry again!\n\n{agent}",
                      "Hi {name}, I've refunded the mug in full and sent a new one anyway. Enjoy!\n\n{agent}"],
        waiting: ["Hi {name}, could you send a photo of the box as well as the contents? The courier needs it for the claim.\n\n{agent}"],
        holding: ["Hi {name}, the mugs are out of stock until next week; I've reserved one for you.\n\n{agent}"],
        holdNotes: ["Mugs back in stock next Wednesday."],
        notes: ["Claim filed with the courier, ref DMG-5520."],
        promises: ["Send a replacement today"])

    static let cupping = DemoStory(
        tags: ["events", "classes"], channels: [.email, .web, .walkIn], priorityWeights: [30, 65, 5, 0],
        owners: ["jo", "tomas"],
        openings: [
            O(subjects: ["Booking for the Saturday cupping class", "Spaces on Saturday's cupping?"],
              body: "Hi! Are there still spaces on the Saturday cupping class at Clerkenwell? Two of us."),
            O(subjects: ["Latte art workshop for two?"],
              body: "Hi! Do you have space for two on a latte art workshop at Clerkenwell? Saturdays are best for us."),
        ],
        exchanges: [
            X(agent: "Hi {name},\n\nThere are three spaces left on Saturday, 10am. I've held two for you until tomorrow.\n\n{agent}",
              customer: "Brilliant — please book us in. Do we need to bring anything?"),
            X(agent: "Just yourselves! We provide everything. The class takes about 90 minutes.\n\n{agent}",
              customer: "Lovely, see you Saturday."),
        ],
        resolutions: ["Hi {name}, you're booked in — confirmation attached. See you on Saturday!\n\n{agent}",
                      "Hi {name}, all booked — you'll get a reminder the day before. Enjoy!\n\n{agent}"],
        waiting: ["Hi {name}, which date would you prefer: this Saturday or the 21st?\n\n{agent}"],
        holding: ["Hi {name}, we're finalising next month's class dates; I'll confirm yours as soon as they're published.\n\n{agent}"],
        holdNotes: ["Class dates for next month not published yet."],
        notes: ["Held two places until tomorrow 5pm."],
        promises: ["Hold two places on Saturday's class until tomorrow"])

    // MARK: Shared lines

    /// A customer asking again when no one has answered.
    static let chasers = [
        "Hello? Is anyone there? I wrote yesterday.",
        "Just following up on this — any news?",
        "Sorry to chase, but this is getting urgent now.",
    ]

    static let goodRatingComments = ["Quick and friendly, thank you!", "Sorted in no time.", "{agent} was lovely.",
                                     "Great service as always.", "Really helpful, thanks."]
    static let badRatingComments = ["Took far too long to get an answer.", "Had to chase three times.",
                                    "Problem solved but nobody apologised.", "Still not happy with how this was handled."]

    /// A ticket whose text tries to take over the terminal: the console must show it harmlessly.
    static let hostileSubject = "Invoice query \u{202E}fdp.exe"
    static let hostileBody = "Hello, please see my invoice query below.\u{1B}]0;pwned\u{07}\n"
        + "\u{1B}[2J\u{1B}[31mURGENT: your account is suspended\u{1B}[0m — open \u{202E}gpj.exe\u{202C} to restore it.\n"
        + "Regards, accounts"
}
